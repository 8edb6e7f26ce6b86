package convbench.ct.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/** Apple XML property lists as Java values: dict = Map, array = List, integer = Long, real = Double, string, boolean. */
public final class Plist {
    private Plist() {
    }

    public static Object parse(byte[] xml, String what) throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // the DOCTYPE points at apple.com: never fetch it
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
            Element first = firstElement(root);
            if (!root.getTagName().equals("plist") || first == null)
                throw new IOException(what + ": not a property list");
            return value(first, what);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException(what + ": malformed property list: " + e.getMessage(), e);
        }
    }

    private static Element firstElement(Node n) {
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling())
            if (c instanceof Element e)
                return e;
        return null;
    }

    private static Object value(Element e, String what) throws IOException {
        String text = e.getTextContent().trim();
        switch (e.getTagName()) {
            case "dict" -> {
                Map<String, Object> m = new LinkedHashMap<>();
                String key = null;
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (!(c instanceof Element ce))
                        continue;
                    if (ce.getTagName().equals("key"))
                        key = ce.getTextContent();
                    else if (key != null) {
                        m.put(key, value(ce, what));
                        key = null;
                    }
                }
                return m;
            }
            case "array" -> {
                List<Object> l = new ArrayList<>();
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling())
                    if (c instanceof Element ce)
                        l.add(value(ce, what));
                return l;
            }
            case "integer" -> {
                return Long.parseLong(text);
            }
            case "real" -> {
                return Double.parseDouble(text);
            }
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            case "string", "date", "data" -> {
                return text;
            }
            default -> throw new IOException(what + ": unknown property list element <" + e.getTagName() + ">");
        }
    }
}
