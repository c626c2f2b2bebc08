// A local SMTP catcher for `npm start` and tests: accepts every message on 127.0.0.1:1025 and
// shows what arrived at http://127.0.0.1:1080 (and as JSON at /messages), so a person can read
// exactly what a student or mentor received. Not for production: it keeps mail in memory.
import http from 'node:http';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const smtpPort = Number(process.env.SMTP_CATCHER_PORT ?? 1025);
const httpPort = Number(process.env.SMTP_CATCHER_HTTP_PORT ?? 1080);
const host = process.env.SMTP_CATCHER_HOST ?? '127.0.0.1';
const messages = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        messages.push({
          id: messages.length + 1,
          receivedAt: new Date().toISOString(),
          envelope: { from: session.envelope.mailFrom?.address, to: session.envelope.rcptTo.map((r) => r.address) },
          subject: mail.subject ?? '',
          from: mail.from?.text ?? '',
          to: mail.to?.text ?? '',
          text: mail.text ?? '',
          html: typeof mail.html === 'string' ? mail.html : '',
          attachments: mail.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: a.size })),
          messageId: mail.messageId,
          replyTo: mail.replyTo?.value[0]?.address,
        });
        callback();
      })
      .catch(callback);
  },
});

const escapeHtml = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);

const web = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
  if (url.pathname === '/messages') {
    response.setHeader('content-type', 'application/json');
    const to = url.searchParams.get('to');
    response.end(JSON.stringify(to ? messages.filter((m) => m.envelope.to.includes(to)) : messages));
    return;
  }
  const match = /^\/messages\/(\d+)$/.exec(url.pathname);
  if (match) {
    const message = messages[Number(match[1]) - 1];
    response.setHeader('content-type', 'text/html; charset=utf-8');
    response.end(message ? message.html || `<pre>${escapeHtml(message.text)}</pre>` : 'not found');
    return;
  }
  const rows = messages
    .slice()
    .reverse()
    .map((m) => `<tr><td>${m.receivedAt}</td><td>${escapeHtml(m.to)}</td><td><a href="/messages/${m.id}">${escapeHtml(m.subject)}</a></td></tr>`)
    .join('');
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Caught mail</title></head>
<body><h1>Caught mail (${messages.length})</h1><table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table></body></html>`);
});

smtp.listen(smtpPort, host, () => {
  web.listen(httpPort, host, () => {
    process.stdout.write(`SMTP catcher: smtp://${host}:${smtpPort}, web http://${host}:${httpPort}\n`);
  });
});

const shutdown = () => smtp.close(() => web.close(() => process.exit(0)));
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
