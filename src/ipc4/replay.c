/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Replay of an IPC log through the handler, checking recorded replies
 * against the ones produced now.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <string.h>

#include <vregion/ipc4/handler.h>
#include <vregion/ipc4/log.h>

static bool is_reply(const struct ipc4_frame *f)
{
	struct ipc4_reply_hdr h;

	ipc4_reply_decode(f->primary, f->extension, &h, NULL);
	return h.rsp != 0;
}

static void mismatch(struct ipc4_replay_result *res, uint32_t index, const char *what,
		     const struct ipc4_frame *want, const struct ipc4_frame *got)
{
	if (res->mismatches++ == 0) {
		res->first_mismatch = index;
		snprintf(res->error, sizeof(res->error),
			 "record %" PRIu32 ": %s (logged 0x%08" PRIx32 "/0x%08" PRIx32
			 " len %" PRIu32 ", now 0x%08" PRIx32 "/0x%08" PRIx32 " len %" PRIu32 ")",
			 index, what, want->primary, want->extension, want->len,
			 got ? got->primary : 0, got ? got->extension : 0, got ? got->len : 0);
	}
}

static void compare(struct ipc4_replay_result *res, uint32_t index, const struct ipc4_frame *want,
		    const struct ipc4_frame *got)
{
	res->compared++;
	if (want->primary != got->primary || want->extension != got->extension ||
	    want->len != got->len || memcmp(want->payload, got->payload, want->len) != 0)
		mismatch(res, index, "reply differs", want, got);
}

int ipc4_replay(struct ipc4_fw *h, struct ipc4_log_reader *r, struct ipc4_replay_result *res)
{
	static _Thread_local struct ipc4_frame rec;
	static _Thread_local struct ipc4_reply rep;
	bool have_reply = false;
	int ret;

	if (!h || !r || !res)
		return -EINVAL;
	memset(res, 0, sizeof(*res));
	while ((ret = ipc4_log_read(r, &rec)) == 1) {
		uint32_t index = r->index - 1;

		if (is_reply(&rec)) {
			if (have_reply)
				compare(res, index, &rec, &rep.frame);
			else
				mismatch(res, index, "reply without a request", &rec, NULL);
			have_reply = false;
			continue;
		}
		struct ipc4_msg m = { rec.primary, rec.extension, rec.payload, rec.len };

		res->requests++;
		if (ipc4_handle(h, &m, &rep) != IPC4_SUCCESS)
			res->refused++;
		have_reply = true;
	}
	if (ret < 0) {
		snprintf(res->error, sizeof(res->error), "%s", r->error);
		return ret;
	}
	return 0;
}
