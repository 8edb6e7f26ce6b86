package convbench.ekg.internal;

import convbench.dicom.api.DicomToolkit;
import convbench.ekg.EcgReaders;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Hands the OSGi DICOM toolkit service to {@link EcgReaders}, which opens DICOM ECGs with it. */
@Component(immediate = true)
public final class DicomToolkitBinder {
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bind(DicomToolkit toolkit) {
        EcgReaders.useDicomToolkit(toolkit);
    }

    void unbind(DicomToolkit toolkit) {
        EcgReaders.forgetDicomToolkit(toolkit);
    }
}
