/**
 * ConvBench's own DICOM API: attributes by tag or keyword, decoded pixel frames, transfer syntaxes, writing.
 * Plugins use only this package; a toolkit adapter (PixelMed today, dcm4che later) provides {@link DicomToolkit}
 * as an OSGi service.
 */
package convbench.dicom.api;
