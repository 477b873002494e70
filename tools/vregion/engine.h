/*
 * One run of a topology through the firmware, the way a host driver and a
 * DSP would do it: a fresh firmware instance (framework + IPC4 handler),
 * the topology built by encoded IPC4 messages, the endpoint streams
 * attached to the copiers' gateways, LL periods run until every input has
 * ended and every output holds its frames, a gain control written once
 * mid-run (LARGE_CONFIG_SET, an interim allocation), then stop, reset and
 * delete by messages, and the firmware instance deleted. Region figures are
 * read at the end of the run and after the reset.
 */
#ifndef VREGION_TOOL_ENGINE_H
#define VREGION_TOOL_ENGINE_H

#include <stdbool.h>
#include <stdio.h>

#include "report.h"
#include "streams.h"
#include "topology.h"

struct tb_run_opts {
	struct tb_stream_opts streams;
	FILE *ipc_log;              /* every request and reply, or NULL */
	bool progress;              /* progress line on a terminal */
	bool quiet;                 /* firmware log lines not shown (expected failures) */
	unsigned max_stall_periods; /* periods without output before giving up (0: 2000) */
};

/*
 * Run @p t. Returns 0 when the run was carried out: rep->ok says whether
 * the firmware coped (every message accepted, no region ran out, all output
 * produced) and rep->error says why not. Returns -EINVAL / -ENOENT /
 * -ENOTSUP with err set for input errors (the streams could not be opened),
 * -EIO for an output that cannot be written, -ENOMEM when the firmware
 * instance cannot be made.
 */
int tb_run(const struct topology *t, const struct tb_run_opts *o, struct rep_run *rep,
	   char *err, size_t errlen);

/* Runner for size_topology() (sizing.h): one tb_run() per call, outputs
 * discarded, firmware log quiet (bisection fails runs on purpose). @p ctx is a struct tb_size_ctx, or NULL for 0.5 s of the
 * generated signal. An input error is kept in ctx->error / ctx->err. */
struct tb_size_ctx {
	const char *input;          /* NULL: generated signal */
	double seconds;             /* its length */
	int error;                  /* first tb_run() error */
	char err[768];
};
int tb_size_runner(void *ctx, const struct topology *t, struct rep_run *rep);

#endif
