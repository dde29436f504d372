// Echoes UDP datagrams on 5300, and accepts TCP on the same port for the load balancer's health check.
const dgram = require('dgram');
const net = require('net');
const PORT = 5300;
const udp = dgram.createSocket('udp4');
udp.on('message', (msg, rinfo) => udp.send(msg, rinfo.port, rinfo.address));
udp.bind(PORT);
const tcp = net.createServer(socket => socket.end()).listen(PORT);
process.on('SIGTERM', () => { udp.close(); tcp.close(() => process.exit(0)); });
