/* IPC4 session: encode, log, hand over, check the reply (see ipc_session.h). */
#include "ipc_session.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int tb_ipc_init(struct tb_ipc *ipc, const struct tb_transport *tr, tb_log_fn log, void *log_ctx)
{
	memset(ipc, 0, sizeof(*ipc));
	ipc->tr = *tr;
	ipc->log = log;
	ipc->log_ctx = log_ctx;
	ipc->req = calloc(1, sizeof(*ipc->req));
	ipc->reply = calloc(1, sizeof(*ipc->reply));
	if (!ipc->req || !ipc->reply) {
		tb_ipc_fini(ipc);
		return -ENOMEM;
	}
	return 0;
}

void tb_ipc_fini(struct tb_ipc *ipc)
{
	free(ipc->req);
	free(ipc->reply);
	ipc->req = ipc->reply = NULL;
}

static void note(struct tb_ipc *ipc, const char *fmt, const char *what, uint32_t status)
{
	if (!ipc->error[0])
		snprintf(ipc->error, sizeof(ipc->error), fmt, what, status, ipc4_status_name(status));
}

int tb_ipc_send(struct tb_ipc *ipc, struct plan_step *s, uint32_t *status)
{
	struct ipc4_msg m;
	struct ipc4_reply_hdr rh;
	int r = plan_encode(s, ipc->req);

	if (r) {
		if (!ipc->error[0])
			snprintf(ipc->error, sizeof(ipc->error), "%s: the IPC4 encoder refused it (%s)",
				 s->what, strerror(-r));
		return r;
	}
	m = (struct ipc4_msg){ ipc->req->primary, ipc->req->extension, ipc->req->payload,
			       ipc->req->len };
	if (ipc->log && (r = ipc->log(ipc->log_ctx, &m)) != 0)
		return r;
	ipc->sent++;
	memset(ipc->reply, 0, offsetof(struct ipc4_frame, payload));
	r = ipc->tr.handle(ipc->tr.ctx, &m, ipc->reply);
	if (r) {
		if (!ipc->error[0])
			snprintf(ipc->error, sizeof(ipc->error), "%s: no reply (%s)", s->what,
				 strerror(-r));
		return r;
	}
	m = (struct ipc4_msg){ ipc->reply->primary, ipc->reply->extension, ipc->reply->payload,
			       ipc->reply->len };
	if (ipc->log && (r = ipc->log(ipc->log_ctx, &m)) != 0)
		return r;
	ipc4_reply_decode(ipc->reply->primary, ipc->reply->extension, &rh, NULL);
	if (!rh.rsp) {
		if (!ipc->error[0])
			snprintf(ipc->error, sizeof(ipc->error), "%s: the answer is not a reply", s->what);
		return -EPROTO;
	}
	*status = rh.status;
	if (rh.status != IPC4_SUCCESS) {
		ipc->refused++;
		note(ipc, "%s refused: status %u %s", s->what, rh.status);
	}
	return 0;
}

int tb_ipc_send_range(struct tb_ipc *ipc, struct plan *p, unsigned from, unsigned to,
		      unsigned *failed)
{
	for (unsigned i = from; i < to && i < p->n; i++) {
		uint32_t status = 0;
		int r = tb_ipc_send(ipc, &p->steps[i], &status);

		if (r || status) {
			if (failed)
				*failed = i;
			return r ? r : 1;
		}
	}
	return 0;
}
