package convbench.compute.ui.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.part.ViewPart;

import convbench.compute.ComputeListener;
import convbench.compute.ComputeService;
import convbench.compute.DeviceInfo;
import convbench.compute.JobHandle;
import convbench.compute.Metric;
import convbench.compute.ui.ComputeUi;

/** The compute device, and every queued, running and recent job with its progress, memory and latest metric. */
public final class ComputeView extends ViewPart {
    public static final String ID = "convbench.compute.ui.computeView";
    private static final String[] COLUMNS = { "#", "Job", "Lane", "State", "Progress", "Memory", "Latest metric", "Message" };
    private static final int[] WIDTHS = { 40, 280, 70, 90, 140, 80, 170, 320 };
    private static final int PROGRESS_COLUMN = 4;

    private Label deviceLabel;
    private Table table;
    private Button cancel;
    private ComputeService service;
    private final Map<Long, String> latestMetric = new ConcurrentHashMap<>();
    private final AtomicBoolean refreshPending = new AtomicBoolean();
    private final ComputeListener listener = new ComputeListener() {
        @Override
        public void jobChanged(JobHandle<?> job) {
            scheduleRefresh();
        }

        @Override
        public void metric(JobHandle<?> job, Metric m) {
            latestMetric.put(job.id(), String.format("%s %.4g @ %d", m.name(), m.value(), m.step()));
            scheduleRefresh();
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        GridLayoutFactory.swtDefaults().numColumns(2).applyTo(parent);
        deviceLabel = new Label(parent, SWT.WRAP);
        deviceLabel.setText("Compute device: starting ND4J...");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(deviceLabel);
        cancel = new Button(parent, SWT.PUSH);
        cancel.setText("Cancel Job");
        cancel.setEnabled(false);
        cancel.addListener(SWT.Selection, e -> selectedJob().ifPresent(JobHandle::cancel));
        table = new Table(parent, SWT.FULL_SELECTION | SWT.BORDER | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).span(2, 1).applyTo(table);
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(COLUMNS[i]);
            c.setWidth(WIDTHS[i]);
        }
        table.addListener(SWT.EraseItem, e -> {
            if (e.index == PROGRESS_COLUMN)
                e.detail &= ~SWT.FOREGROUND; // the bar is painted instead of the text
        });
        table.addListener(SWT.PaintItem, e -> {
            if (e.index == PROGRESS_COLUMN && e.item.getData() instanceof JobHandle<?> job)
                paintProgress(e.gc, ((TableItem) e.item).getBounds(PROGRESS_COLUMN), job.progress());
        });
        table.addListener(SWT.Selection, e -> updateCancel());
        Job connect = Job.create("Connecting to the compute service", monitor -> {
            ComputeService s = ComputeUi.service();
            s.addListener(listener);
            service = s;
            scheduleRefresh();
            DeviceInfo device = s.device(); // starts ND4J: seconds
            Display display = table.getDisplay();
            display.asyncExec(() -> {
                if (!deviceLabel.isDisposed()) {
                    deviceLabel.setText(describe(device).replace('\n', ' '));
                    deviceLabel.getParent().layout(true);
                }
            });
            return Status.OK_STATUS;
        });
        connect.setSystem(true);
        connect.schedule();
    }

    static String describe(DeviceInfo d) {
        return String.format("%s backend on %s  |  %d cores  |  %.1f GiB%s%s", d.backend(), d.device(), d.cores(),
                d.memoryBytes() / (double) (1L << 30), d.cudaVersion() == null ? "" : "  |  CUDA " + d.cudaVersion(),
                d.note() == null ? "" : "\n" + d.note());
    }

    private void paintProgress(GC gc, Rectangle cell, double fraction) {
        Display display = table.getDisplay();
        Rectangle bar = new Rectangle(cell.x + 3, cell.y + 3, cell.width - 6, cell.height - 6);
        Color old = gc.getBackground();
        gc.setBackground(display.getSystemColor(SWT.COLOR_WIDGET_LIGHT_SHADOW));
        gc.fillRectangle(bar);
        gc.setBackground(display.getSystemColor(SWT.COLOR_LIST_SELECTION));
        gc.fillRectangle(bar.x, bar.y, (int) Math.round(bar.width * fraction), bar.height);
        gc.setBackground(old);
        gc.drawRectangle(bar);
        String text = Math.round(fraction * 100) + " %";
        var extent = gc.textExtent(text);
        gc.drawText(text, bar.x + (bar.width - extent.x) / 2, bar.y + (bar.height - extent.y) / 2, true);
    }

    private void scheduleRefresh() {
        if (table == null || !refreshPending.compareAndSet(false, true))
            return; // a refresh is already on its way: metrics may arrive thousands of times a second
        Display display = table.getDisplay();
        display.asyncExec(() -> display.timerExec(100, () -> {
            refreshPending.set(false);
            refresh();
        }));
    }

    private void refresh() {
        if (table.isDisposed() || service == null)
            return;
        List<JobHandle<?>> jobs = service.jobs();
        table.setItemCount(jobs.size());
        for (int i = 0; i < jobs.size(); i++) {
            JobHandle<?> j = jobs.get(jobs.size() - 1 - i); // newest first
            TableItem item = table.getItem(i);
            item.setData(j);
            item.setText(new String[] { Long.toString(j.id()), j.name(), j.lane().name(), j.state().name(),
                    Math.round(j.progress() * 100) + " %", String.format("%.2f GiB", j.memoryBytes() / (double) (1L << 30)),
                    latestMetric.getOrDefault(j.id(), ""), j.message() });
        }
        updateCancel();
    }

    private java.util.Optional<JobHandle<?>> selectedJob() {
        TableItem[] selection = table.getSelection();
        return selection.length == 1 && selection[0].getData() instanceof JobHandle<?> j ? java.util.Optional.of(j)
                : java.util.Optional.empty();
    }

    private void updateCancel() {
        cancel.setEnabled(selectedJob().map(j -> !j.state().finished()).orElse(false));
    }

    @Override
    public void setFocus() {
        table.setFocus();
    }

    @Override
    public void dispose() {
        if (service != null)
            service.removeListener(listener);
        super.dispose();
    }
}
