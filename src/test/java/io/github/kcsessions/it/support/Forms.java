package io.github.kcsessions.it.support;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import java.util.HashMap;
import java.util.Map;

/** HTML forms of the server's pages, submitted as a browser without scripts would. */
public final class Forms {

    private Forms() {
    }

    /** Posts a form's hidden fields to its action. */
    public static Http.Reply submit(Element form) {
        Map<String, String> fields = new HashMap<>();
        form.select("input[type=hidden]").forEach(input -> fields.put(input.attr("name"), input.attr("value")));
        return Http.postForm(form.absUrl("action"), fields);
    }

    /** Opens a "This wasn't me" link and confirms on the page it shows; the answer to the confirmation. */
    public static Http.Reply confirmEndSession(String link) {
        Http.Reply opened = Http.get(link);
        Element form = Jsoup.parse(opened.body(), link).getElementById("kcs-end-session-form");
        if (form == null) {
            throw new AssertionError("No confirmation form: " + opened);
        }
        return submit(form);
    }
}
