"""A real SMTP server for EmailChannelTest: Debian's python3-aiosmtpd, with STARTTLS (required) or SMTPS,
AUTH required over TLS, and every message stored in a Maildir. Each login tried is written to auth.log.

usage: smtp_server.py PORT starttls|smtps CERT.pem KEY.pem MAILDIR USER PASSWORD
Prints 'READY' once it accepts connections; runs until killed.
"""
import os
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox
from aiosmtpd.smtp import AuthResult

port, mode, cert, key, maildir, user, password = sys.argv[1:8]
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
auth_log = os.path.join(os.path.dirname(os.path.abspath(maildir)), "auth.log")


def authenticate(server, session, envelope, mechanism, auth_data):
    login = auth_data.login.decode()
    ok = login == user and auth_data.password.decode() == password
    with open(auth_log, "a") as log:
        log.write(f"{mechanism} {login} {'ok' if ok else 'refused'} tls={session.ssl is not None}\n")
    return AuthResult(success=ok)


options = dict(authenticator=authenticate, auth_require_tls=True)
if mode == "starttls":
    controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=int(port),
                            tls_context=context, require_starttls=True, **options)
else:
    controller = Controller(Mailbox(maildir), hostname="127.0.0.1", port=int(port),
                            ssl_context=context, **options)
controller.start()
print("READY", flush=True)
threading.Event().wait()
