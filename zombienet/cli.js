// zombienet js-script: runs zombienet/cli-lifecycle.sh against this node, i.e. the whole
// restaking lifecycle through the `restake` CLI ($RESTAKE_BIN, else `restake` on PATH). The
// script's output goes to cli-lifecycle.log in zombienet's output directory; on failure its
// last lines are printed. Returns 1 when the script exits 0; throws otherwise.
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');

// Below the assertion's 300 s, so the script is stopped (not orphaned) when it hangs.
const TIMEOUT_MS = 280_000;

async function run(nodeName, networkInfo) {
	const { wsUri } = networkInfo.nodesByName[nodeName];
	const script = path.join(__dirname, 'cli-lifecycle.sh');
	const logPath = path.join(networkInfo.tmpDir, 'cli-lifecycle.log');
	const log = fs.openSync(logPath, 'w');
	const started = Date.now();
	console.log(`running ${script} against ${wsUri}; log: ${logPath}`);
	const outcome = await new Promise((resolve) => {
		// Its own process group, so a timeout stops the script and the restake it runs.
		const child = spawn('bash', [script, wsUri], { stdio: ['ignore', log, log], detached: true });
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGTERM');
			} catch (_) {
				// already gone
			}
			resolve(`timed out after ${TIMEOUT_MS / 1000} s`);
		}, TIMEOUT_MS);
		child.on('error', (e) => {
			clearTimeout(timer);
			resolve(`could not start bash: ${e.message}`);
		});
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			resolve(code === 0 ? null : `exited with ${code ?? signal}`);
		});
	});
	fs.closeSync(log);
	const seconds = Math.round((Date.now() - started) / 1000);
	if (outcome !== null) {
		const tail = fs.readFileSync(logPath, 'utf8').split('\n').slice(-60).join('\n');
		console.log(`--- last lines of ${logPath} ---\n${tail}`);
		throw new Error(`cli-lifecycle.sh ${outcome} after ${seconds} s (log: ${logPath})`);
	}
	const summary = fs.readFileSync(logPath, 'utf8').split('\n').filter((l) => l.startsWith('==> ')).pop();
	console.log(`cli lifecycle passed in ${seconds} s: ${summary}`);
	return 1;
}

module.exports = { run };
