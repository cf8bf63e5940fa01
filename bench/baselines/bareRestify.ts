/** Anchor for api-read: a bare restify handler returning a session-sized JSON body, no auth, no storage. */
import restify from 'restify';

const port = Number(process.env.PORT ?? 0);
const body = {
  id: 'ses_0123456789abcdefghjk',
  classId: 'cls_0123456789abcdefghjk',
  title: 'Lecture 1',
  status: 'live',
  createdBy: 'user-1',
  startedAt: new Date().toISOString(),
  endedAt: null,
};
const server = restify.createServer({ name: 'bare' });
server.get('/healthz', async (_req, res) => {
  res.json({ status: 'ok' });
});
server.get('/session', async (_req, res) => {
  res.json(body);
});
server.listen(port, '127.0.0.1');
