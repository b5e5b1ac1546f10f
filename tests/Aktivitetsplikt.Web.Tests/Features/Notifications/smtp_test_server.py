"""A real SMTP server on loopback for SmtpDeliveryTests, on Debian's python3-aiosmtpd.

    python3 smtp_test_server.py MODE FOLDER

Listens on 127.0.0.1 on a port the system picks, prints "PORT <n>" once it listens, and serves until
its standard input closes, so it cannot outlive the test process that started it. MODE:

    accept       takes every message and writes it to FOLDER/<n>.eml, with X-MailFrom and X-RcptTo
                 headers for the envelope, before answering 250
    refuse-rcpt  answers RCPT TO with 550 (the recipient is refused for good)
    refuse-data  answers the end of DATA with 451 (the message is refused for now)
    drop-data    closes the connection once the message is sent, without answering
"""
import asyncio
import os
import sys

from aiosmtpd.smtp import SMTP

MODES = ("accept", "refuse-rcpt", "refuse-data", "drop-data")


class Handler:
    def __init__(self, mode, folder):
        self.mode = mode
        self.folder = folder
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.mode == "refuse-rcpt":
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.mode == "refuse-data":
            return "451 4.3.0 Try again later"
        if self.mode == "drop-data":
            server.transport.close()
            return "421 4.3.0 Closing"
        self.count += 1
        envelope_headers = "X-MailFrom: {}\r\nX-RcptTo: {}\r\n".format(envelope.mail_from, ", ".join(envelope.rcpt_tos))
        path = os.path.join(self.folder, "{}.eml".format(self.count))
        # Written whole, then renamed: a test never reads half a message.
        with open(path + ".part", "wb") as file:
            file.write(envelope_headers.encode("ascii") + envelope.content)
        os.replace(path + ".part", path)
        return "250 OK"


async def main(mode, folder):
    loop = asyncio.get_running_loop()
    # A fixed host name: the default asks DNS for this machine's name, which can hang in a sandbox.
    handler = Handler(mode, folder)  # one for all connections: it numbers the messages
    server = await loop.create_server(lambda: SMTP(handler, hostname="smtp.test"), "127.0.0.1", 0)
    print("PORT", server.sockets[0].getsockname()[1], flush=True)
    await loop.run_in_executor(None, sys.stdin.read)
    server.close()


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in MODES:
        sys.exit("usage: smtp_test_server.py {} FOLDER".format("|".join(MODES)))
    asyncio.run(main(sys.argv[1], sys.argv[2]))
