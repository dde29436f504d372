// Answers every request; stops cleanly on SIGTERM (deployments and Fargate Spot interruptions send it).
const http = require('http');
const server = http.createServer((_req, res) => res.end('ok\n')).listen(8080);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
