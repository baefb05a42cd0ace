package io.github.blockwatch.notify;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * E-mail over SMTP with Eclipse Angus Mail (Jakarta Mail): STARTTLS that must succeed, or SMTPS, with the
 * server's certificate and host name checked; AUTH when a username is set. The subject is the message's
 * title, the body its plain text; the {@code Message-ID} is made from the message key, so a duplicate is
 * recognisable as one. A 5xx answer or a failed login fails for good; anything else is worth another try.
 * Extra Jakarta Mail session properties (e.g. {@code mail.smtp.ssl.trust}) come from the config.
 */
final class EmailChannel implements Channel {
    private static final int MAX_SUBJECT = 150;

    private final ChannelSpec.Email spec;
    private final MessageText text;
    private final Session session;

    EmailChannel(ChannelSpec.Email spec, MessageText text, Duration timeout) {
        this.spec = spec;
        this.text = text;
        this.session = Session.getInstance(properties(spec, timeout));
    }

    static Properties properties(ChannelSpec.Email spec, Duration timeout) {
        Properties props = new Properties();
        props.put("mail.smtp.host", spec.host());
        props.put("mail.smtp.port", String.valueOf(spec.port()));
        String millis = String.valueOf(timeout.toMillis());
        props.put("mail.smtp.connectiontimeout", millis);
        props.put("mail.smtp.timeout", millis);
        props.put("mail.smtp.writetimeout", millis);
        switch (spec.security()) {
            case STARTTLS -> {
                props.put("mail.smtp.starttls.enable", "true");
                props.put("mail.smtp.starttls.required", "true"); // never fall back to plain text
            }
            case SMTPS -> props.put("mail.smtp.ssl.enable", "true");
            case NONE -> { }
        }
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        props.put("mail.smtp.auth", String.valueOf(spec.username() != null));
        props.putAll(spec.properties());
        return props;
    }

    @Override
    public ChannelSpec spec() {
        return spec;
    }

    @Override
    public Attempt send(Message message) {
        try {
            MimeMessage mail = mail(message);
            try (Transport transport = session.getTransport("smtp")) {
                transport.connect(spec.host(), spec.port(), spec.username(),
                        spec.password() == null ? null : spec.password().reveal());
                transport.sendMessage(mail, mail.getAllRecipients());
            }
            return Attempt.ACCEPTED;
        } catch (AuthenticationFailedException e) {
            return new Attempt.Failed("SMTP login refused" + detail(e));
        } catch (SMTPSendFailedException e) {
            return byCode(e.getReturnCode(), e);
        } catch (SendFailedException e) {
            for (Exception next = e.getNextException(); next != null;
                 next = next instanceof MessagingException m ? m.getNextException() : null) {
                if (next instanceof SMTPAddressFailedException address) {
                    return byCode(address.getReturnCode(), address);
                }
            }
            return new Attempt.Retry("SMTP send failed" + detail(e), null);
        } catch (MessagingException e) {
            return new Attempt.Retry("SMTP: " + e.getClass().getSimpleName() + detail(e), null);
        }
    }

    MimeMessage mail(Message message) throws MessagingException {
        MessageText.Rendered rendered = text.render(message);
        MimeMessage mail = new KeyedMimeMessage(session, message.key());
        mail.setFrom(new InternetAddress(spec.from()));
        Address[] to = new Address[spec.to().size()];
        for (int i = 0; i < to.length; i++) {
            to[i] = new InternetAddress(spec.to().get(i));
        }
        mail.setRecipients(RecipientType.TO, to);
        String subject = rendered.lines().size() == 1 && rendered.more() == 0
                ? rendered.title() + ": " + rendered.lines().get(0).text() : rendered.title();
        mail.setSubject(subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 1) + "…" : subject, "UTF-8");
        mail.setText(rendered.plain() + "\n\n-- \nblockwatch notify, message " + message.key() + "\n", "UTF-8");
        mail.setSentDate(new Date());
        return mail;
    }

    private static Attempt byCode(int code, MessagingException e) {
        String reason = "SMTP " + code + detail(e);
        return code >= 500 ? new Attempt.Failed(reason) : new Attempt.Retry(reason, null);
    }

    private static String detail(Exception e) {
        return e.getMessage() == null ? "" : ": " + e.getMessage().strip().replaceAll("\\s+", " ");
    }

    /** A MimeMessage whose Message-ID comes from the message key rather than a random one. */
    private static final class KeyedMimeMessage extends MimeMessage {
        private final String key;

        KeyedMimeMessage(Session session, String key) {
            super(session);
            this.key = key;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", "<" + key + "@blockwatch.notify>");
        }
    }
}
