package convbench.app;

import java.util.Arrays;

import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/**
 * The menu bar: one top-level menu per work area. The application knows the areas, never the plugins: each
 * plugin's {@code .ui} bundle contributes its items to {@code menu:convbench.menu.<area>?after=additions}.
 */
final class MenuBarAdvisor extends ActionBarAdvisor {
    /** Top-level menus in their order: id suffix and label. */
    static final String[][] AREAS = { { "ekg", "&EKG" }, { "ct", "&CT" }, { "face", "F&ace" }, { "style", "&Style" },
            { "compute", "C&ompute" } };

    private IAction quit;
    private IAction about;
    private IAction preferences;

    MenuBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow window) {
        quit = ActionFactory.QUIT.create(window);
        about = ActionFactory.ABOUT.create(window);
        about.setText("&About ConvBench");
        preferences = ActionFactory.PREFERENCES.create(window);
        for (IAction a : new IAction[] { quit, about, preferences })
            register(a);
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        file.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        file.add(new Separator());
        file.add(preferences);
        file.add(quit);
        menuBar.add(file);
        for (String[] area : AREAS) {
            MenuManager menu = new MenuManager(area[1], "convbench.menu." + area[0]);
            menu.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
            menu.add(new NoToolsNote(area[1].replace("&", "")));
            menuBar.add(menu);
        }
        menuBar.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        help.add(new GroupMarker(IWorkbenchActionConstants.MB_ADDITIONS));
        help.add(new Separator());
        help.add(about);
        menuBar.add(help);
    }

    /** A disabled line that says no plugin fills this menu; it hides itself once one does. */
    private static final class NoToolsNote extends ActionContributionItem {
        NoToolsNote(String area) {
            super(disabled("No " + area + " tools installed"));
        }

        private static IAction disabled(String text) {
            IAction a = new org.eclipse.jface.action.Action(text) {
            };
            a.setEnabled(false);
            return a;
        }

        @Override
        public boolean isVisible() {
            if (!(getParent() instanceof MenuManager parent))
                return true;
            return Arrays.stream(parent.getItems()).noneMatch(i -> i != this && isRealItem(i));
        }

        private static boolean isRealItem(IContributionItem item) {
            return item.isVisible() && !item.isSeparator() && !item.isGroupMarker();
        }
    }
}
