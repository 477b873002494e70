/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The IPC4 handler's entry point: decode, dispatch by kind, build the
 * reply, log both.
 */
#include <errno.h>
#include <string.h>

#include <vregion/ipc4/handler.h>
#include <vregion/ipc4/log.h>
#include <vregion/platform.h>

#include "handler_internal.h"

int ipc4_fw_init(struct ipc4_fw *h, struct fw_instance *fw)
{
	if (!h || !fw)
		return -EINVAL;
	memset(h, 0, sizeof(*h));
	h->fw = fw;
	h->cores = 1;  /* the host framework runs every pipeline on one core */
	return 0;
}

void ipc4_fw_set_log(struct ipc4_fw *h, FILE *log)
{
	if (h)
		h->log = log;
}

void ipc4_fw_get_stats(const struct ipc4_fw *h, struct ipc4_fw_stats *out)
{
	if (h && out)
		*out = h->stats;
}

static uint32_t dispatch(struct ipc4_fw *h, const struct ipc4_msg *req, struct ipc4_reply *rep)
{
	const struct ipc4_request *r = &h->req;

	switch (r->kind) {
	case IPC4_KIND_CREATE_PIPELINE:
		return ipc4_h_create_pipeline(h, &r->u.create_pipeline);
	case IPC4_KIND_DELETE_PIPELINE:
		return ipc4_h_delete_pipeline(h, &r->u.delete_pipeline);
	case IPC4_KIND_SET_PIPELINE_STATE:
		return ipc4_h_set_pipeline_state(h, &r->u.set_pipeline_state);
	case IPC4_KIND_GET_PIPELINE_STATE:
		return ipc4_h_get_pipeline_state(h, &r->u.get_pipeline_state, rep);
	case IPC4_KIND_INIT_INSTANCE:
		return ipc4_h_init_instance(h, &r->u.init_instance);
	case IPC4_KIND_DELETE_INSTANCE:
		return ipc4_h_delete_instance(h, &r->u.delete_instance);
	case IPC4_KIND_BIND:
		return ipc4_h_bind(h, &r->u.bind, 0);
	case IPC4_KIND_UNBIND:
		return ipc4_h_bind(h, &r->u.bind, 1);
	case IPC4_KIND_LARGE_CONFIG_SET:
		return ipc4_h_large_config_set(h, &r->u.large_config);
	case IPC4_KIND_LARGE_CONFIG_GET:
		return ipc4_h_large_config_get(h, &r->u.large_config, req->extension, rep);
	case IPC4_KIND_CONFIG_GET:
	case IPC4_KIND_CONFIG_SET:
		return ipc4_h_config(h, &r->u.config);
	default:
		return IPC4_UNAVAILABLE;
	}
}

static void log_record(struct ipc4_fw *h, uint32_t p, uint32_t e, const uint8_t *d, uint32_t n)
{
	int ret;

	if (!h->log)
		return;
	ret = ipc4_log_write(h->log, p, e, d, n);
	if (ret)
		vr_log(VR_LOG_ERR, "ipc4: IPC log write failed (%d)", ret);
}

uint32_t ipc4_handle(struct ipc4_fw *h, const struct ipc4_msg *req, struct ipc4_reply *rep)
{
	uint32_t status;

	if (!rep)
		return IPC4_ERROR_INVALID_PARAM;
	rep->status = 0;
	rep->frame.primary = rep->frame.extension = rep->frame.len = 0;
	if (!h || !req || !h->fw) {
		rep->status = IPC4_ERROR_INVALID_PARAM;
		rep->frame.primary = ipc4_reply_primary(req ? req->primary : 0, rep->status);
		return rep->status;
	}
	log_record(h, req->primary, req->extension, req->payload, req->len);
	h->stats.requests++;
	rep->frame.extension = req->extension;
	status = ipc4_decode(req, &h->req);
	if (status == IPC4_SUCCESS)
		status = dispatch(h, req, rep);
	if (status != IPC4_SUCCESS) {
		struct ipc4_reply_hdr rh;

		ipc4_reply_decode(req->primary, 0, &rh, NULL);
		vr_log(VR_LOG_WARN, "ipc4: %s (primary 0x%x extension 0x%x, %u bytes) refused: %s",
		       ipc4_msg_type_name(rh.msg_tgt, rh.type), req->primary, req->extension,
		       req->len, ipc4_status_name(status));
		h->stats.refused++;
		/* a refused GET keeps the echo, except LARGE_CONFIG_GET's rule */
		if (rh.msg_tgt == IPC4_TGT_MODULE && rh.type == IPC4_MOD_LARGE_CONFIG_GET)
			rep->frame.extension = ipc4_large_config_get_reply_ext(req->extension, 0, true);
		else
			rep->frame.extension = req->extension;
		rep->frame.len = 0;
	}
	rep->status = status;
	rep->frame.primary = ipc4_reply_primary(req->primary, status);
	log_record(h, rep->frame.primary, rep->frame.extension, rep->frame.payload, rep->frame.len);
	return status;
}
