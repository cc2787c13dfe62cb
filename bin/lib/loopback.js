// Preloaded into Frappe's realtime (socket.io) server by bin/setup: `node -r bin/lib/loopback.js socketio.js`.
// Frappe v15 calls listen(port) with no host, which binds every interface; a server started by bin/setup
// must listen on loopback only. Listen calls that name a host are left as they are.
const net = require("net");
const host = process.env.ZHENGWU_BIND || "127.0.0.1";
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
	const portOnly = typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]));
	if (portOnly && (args.length === 1 || typeof args[1] === "function")) {
		args.splice(1, 0, host);
	}
	return listen.apply(this, args);
};
