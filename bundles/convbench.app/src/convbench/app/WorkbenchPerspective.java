package convbench.app;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;

/** Editors (records, series, images) in the middle; progress and errors below (plugins add their views there). */
public final class WorkbenchPerspective implements IPerspectiveFactory {
    static final String ID = "convbench.app.perspective";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(true);
        IFolderLayout bottom = layout.createFolder("convbench.app.bottom", IPageLayout.BOTTOM, 0.68f,
                layout.getEditorArea());
        bottom.addView(IPageLayout.ID_PROGRESS_VIEW);
        bottom.addPlaceholder("org.eclipse.pde.runtime.LogView");
        layout.addShowViewShortcut(IPageLayout.ID_PROGRESS_VIEW);
        layout.addShowViewShortcut("org.eclipse.pde.runtime.LogView");
    }
}
