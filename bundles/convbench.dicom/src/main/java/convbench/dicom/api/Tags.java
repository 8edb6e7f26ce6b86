package convbench.dicom.api;

/** The tags ConvBench's loaders use by name; any other tag is reachable by number or by keyword. */
public final class Tags {
    private Tags() {
    }

    public static final DicomTag TransferSyntaxUID = DicomTag.of(0x0002, 0x0010);
    public static final DicomTag MediaStorageSOPClassUID = DicomTag.of(0x0002, 0x0002);
    public static final DicomTag SOPClassUID = DicomTag.of(0x0008, 0x0016);
    public static final DicomTag SOPInstanceUID = DicomTag.of(0x0008, 0x0018);
    public static final DicomTag StudyDate = DicomTag.of(0x0008, 0x0020);
    public static final DicomTag Modality = DicomTag.of(0x0008, 0x0060);
    public static final DicomTag SeriesDescription = DicomTag.of(0x0008, 0x103E);
    public static final DicomTag PatientName = DicomTag.of(0x0010, 0x0010);
    public static final DicomTag PatientID = DicomTag.of(0x0010, 0x0020);
    public static final DicomTag SliceThickness = DicomTag.of(0x0018, 0x0050);
    public static final DicomTag GantryDetectorTilt = DicomTag.of(0x0018, 0x1120);
    public static final DicomTag StudyInstanceUID = DicomTag.of(0x0020, 0x000D);
    public static final DicomTag SeriesInstanceUID = DicomTag.of(0x0020, 0x000E);
    public static final DicomTag SeriesNumber = DicomTag.of(0x0020, 0x0011);
    public static final DicomTag InstanceNumber = DicomTag.of(0x0020, 0x0013);
    public static final DicomTag ImagePositionPatient = DicomTag.of(0x0020, 0x0032);
    public static final DicomTag ImageOrientationPatient = DicomTag.of(0x0020, 0x0037);
    public static final DicomTag FrameOfReferenceUID = DicomTag.of(0x0020, 0x0052);
    public static final DicomTag SamplesPerPixel = DicomTag.of(0x0028, 0x0002);
    public static final DicomTag PhotometricInterpretation = DicomTag.of(0x0028, 0x0004);
    public static final DicomTag NumberOfFrames = DicomTag.of(0x0028, 0x0008);
    public static final DicomTag Rows = DicomTag.of(0x0028, 0x0010);
    public static final DicomTag Columns = DicomTag.of(0x0028, 0x0011);
    public static final DicomTag PixelSpacing = DicomTag.of(0x0028, 0x0030);
    public static final DicomTag BitsAllocated = DicomTag.of(0x0028, 0x0100);
    public static final DicomTag BitsStored = DicomTag.of(0x0028, 0x0101);
    public static final DicomTag HighBit = DicomTag.of(0x0028, 0x0102);
    public static final DicomTag PixelRepresentation = DicomTag.of(0x0028, 0x0103);
    public static final DicomTag WindowCenter = DicomTag.of(0x0028, 0x1050);
    public static final DicomTag WindowWidth = DicomTag.of(0x0028, 0x1051);
    public static final DicomTag RescaleIntercept = DicomTag.of(0x0028, 0x1052);
    public static final DicomTag RescaleSlope = DicomTag.of(0x0028, 0x1053);
    public static final DicomTag DirectoryRecordSequence = DicomTag.of(0x0004, 0x1220);
    public static final DicomTag ReferencedFileID = DicomTag.of(0x0004, 0x1500);
    public static final DicomTag PixelData = DicomTag.of(0x7FE0, 0x0010);
}
