package io.github.kcsessions.it.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** A real SMTP server (GreenMail, in the test's JVM) that realms send their emails to, and what arrived there. */
public final class Mailbox implements AutoCloseable {

    private final GreenMail mail;

    private Mailbox(GreenMail mail) {
        this.mail = mail;
    }

    public static Mailbox start() {
        GreenMail mail = new GreenMail(new ServerSetup(FreePort.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return new Mailbox(mail);
    }

    /** Points a realm representation's email settings at this server. */
    public void configure(Map<String, Object> realm) {
        configure(realm, mail.getSmtp().getPort());
    }

    /** Points a realm representation's email settings at a port, say one where nothing listens. */
    public static void configure(Map<String, Object> realm, int port) {
        Map<String, String> smtp = new HashMap<>();
        smtp.put("host", "127.0.0.1");
        smtp.put("port", String.valueOf(port));
        smtp.put("from", "keycloak@example.com");
        smtp.put("fromDisplayName", "Keycloak");
        realm.put("smtpServer", smtp);
    }

    /** Waits for the first email of the realm to this address, and checks it is the only one. */
    public MimeMessage awaitOnly(TestRealm realm, String recipient) {
        Clock.await(() -> !to(realm, recipient).isEmpty());
        List<MimeMessage> received = to(realm, recipient);
        if (received.size() != 1) {
            throw new AssertionError(received.size() + " emails to " + recipient + ", expected one");
        }
        return received.get(0);
    }

    /** Waits for an email whose subject contains this text. */
    public void awaitSubject(String text) {
        Clock.await(() -> anySubjectContains(text));
        if (!anySubjectContains(text)) {
            throw new AssertionError("no email about " + text);
        }
    }

    public boolean anySubjectContains(String text) {
        return Arrays.stream(mail.getReceivedMessages()).anyMatch(m -> unchecked(m::getSubject).contains(text));
    }

    /** The emails of one realm (its name is in every subject) to one address. */
    public List<MimeMessage> to(TestRealm realm, String recipient) {
        return Arrays.stream(mail.getReceivedMessages())
                .filter(m -> unchecked(m::getSubject).contains(" " + realm.name() + " "))
                .filter(m -> unchecked(() -> m.getRecipients(Message.RecipientType.TO))[0].toString().equals(recipient))
                .toList();
    }

    /** The "This wasn't me" link of a new-device email. */
    public static String endSessionLink(MimeMessage email) throws Exception {
        return Jsoup.parse(part(email, "text/html")).getElementById("kcs-end-session-link").attr("href");
    }

    private static <T> T unchecked(Callable<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text of the part of this type (text/plain, text/html). */
    public static String part(MimeMessage message, String type) throws Exception {
        Object content = message.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType(type)) {
                    return part.getContent().toString();
                }
            }
        }
        throw new AssertionError("No " + type + " part in " + message.getContentType());
    }

    @Override
    public void close() {
        mail.stop();
    }
}
