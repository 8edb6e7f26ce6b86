package convbench.face.internal;

import convbench.cli.api.CliArgs;
import convbench.cli.api.CliCommand;
import convbench.cli.api.CliException;
import convbench.cli.api.CliProgress;
import convbench.cli.api.CliResult;
import convbench.face.FaceDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;

/** {@code face db --db D [--import F] [--export F] [--remove NAME]}: manage the database, then list it. */
@Component(service = CliCommand.class)
public final class FaceDbCommand extends FaceCommandBase {
    @Override
    public String action() {
        return "db";
    }

    @Override
    public String summary() {
        return "List, import, export or remove persons of a face database (embeddings only; saved 0600, atomically)";
    }

    @Override
    public String usage() {
        return "face db --db <faces.json> [--import <other.json>] [--export <copy.json>] [--remove <name>] [--json]";
    }

    @Override
    public CliResult run(CliArgs args, CliProgress progress) throws Exception {
        Path file = db(args);
        boolean changes = args.has("import") || args.has("remove");
        FaceDatabase db = face(() -> changes ? FaceDatabase.loadOrCreate(file) : FaceDatabase.load(file));
        Map<String, Object> json = new LinkedHashMap<>();
        if (args.has("import")) {
            Path from = args.existingPath("import");
            json.put("imported", face(() -> db.importFrom(from)));
        }
        if (args.has("remove")) {
            String name = args.required("remove");
            if (!db.remove(name))
                throw new CliException("unknown identity '" + name + "': not in " + file);
            json.put("removed", name);
        }
        if (changes)
            face(() -> {
                db.save(file);
                return null;
            });
        if (args.has("export")) {
            Path to = Path.of(args.required("export"));
            if (Files.exists(to) && !args.flag("overwrite"))
                throw new CliException(to + " exists (add --overwrite to replace it)");
            face(() -> {
                db.save(to);
                return null;
            });
            json.put("exported", to.toString());
        }
        List<Map<String, Object>> persons = new ArrayList<>();
        StringBuilder text = new StringBuilder(db.size() + " person(s) in " + file + "\n");
        for (String id : db.identities()) {
            persons.add(Map.of("identity", id, "embeddings", db.embeddings(id)));
            text.append("  ").append(id).append(": ").append(db.embeddings(id)).append(" embedding(s)\n");
        }
        json.put("db", file.toString());
        json.put("alignment", db.alignment());
        json.put("persons", persons);
        return result(json, text.toString());
    }
}
