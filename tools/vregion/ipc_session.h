/*
 * The host side of an IPC4 conversation: each plan step is encoded by the
 * IPC4 codec, optionally logged, handed as bytes to a transport (the
 * firmware's handler, which decodes and handles it), and its reply checked.
 * Nothing reaches the firmware except encoded messages.
 */
#ifndef VREGION_TOOL_IPC_SESSION_H
#define VREGION_TOOL_IPC_SESSION_H

#include <stdint.h>
#include <stdio.h>

#include "plan.h"

struct tb_transport {
	void *ctx;
	/* Handle request @p req; write the reply into @p reply. Returns 0, or a
	 * negative errno when no reply could be produced at all. */
	int (*handle)(void *ctx, const struct ipc4_msg *req, struct ipc4_frame *reply);
};

/* Appends one record (request or reply) to a log; 0 or negative errno. */
typedef int (*tb_log_fn)(void *ctx, const struct ipc4_msg *m);

struct tb_ipc {
	struct tb_transport tr;
	tb_log_fn log;           /* NULL: no log */
	void *log_ctx;
	unsigned sent;           /* requests sent */
	unsigned refused;        /* replies with a status other than 0 */
	struct ipc4_frame *req, *reply;  /* scratch frames (4 KiB each) */
	char error[512];         /* first refusal or transport failure */
};

/* Set up: allocates the scratch frames. 0 or -ENOMEM. */
int tb_ipc_init(struct tb_ipc *ipc, const struct tb_transport *tr, tb_log_fn log, void *log_ctx);
void tb_ipc_fini(struct tb_ipc *ipc);

/*
 * Send one step. Returns 0 and *status (the reply's status) when a reply
 * came back, or a negative errno (encoder, log or transport failure). A
 * refusal is recorded in ipc->error (the first one) naming the step and the
 * status.
 */
int tb_ipc_send(struct tb_ipc *ipc, struct plan_step *s, uint32_t *status);

/*
 * Send steps [from, to) of @p p, stopping at the first refusal or failure.
 * Returns 0 when all succeeded; the index of the failing step is stored in
 * *failed (when not NULL). Returns 1 for a refusal, negative errno otherwise.
 */
int tb_ipc_send_range(struct tb_ipc *ipc, struct plan *p, unsigned from, unsigned to,
		      unsigned *failed);

#endif
