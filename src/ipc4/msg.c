/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Request dispatch for the codec: which layout and payload codec each
 * (msg_tgt, type) uses, the common header and the reply words.
 */
#include <errno.h>
#include <string.h>

#include <vregion/ipc4/layouts.h>
#include <vregion/ipc4/msg.h>

#include "codec.h"

struct kind_codec {
	uint8_t msg_tgt;
	uint8_t type;
	const struct ipc4_layout *layout;
	uint16_t size;  /* bytes of the decoded form: only these are cleared and copied */
	/* NULL: the message has no payload */
	uint32_t (*decode)(const struct ipc4_msg *m, void *body);
	int (*encode)(void *body, struct ipc4_frame *out);
};

static const struct kind_codec kinds[IPC4_KIND_COUNT] = {
	[IPC4_KIND_CREATE_PIPELINE] = { IPC4_TGT_GLOBAL, IPC4_GLB_CREATE_PIPELINE,
		&ipc4_create_pipeline_layout, sizeof(struct ipc4_create_pipeline), ipc4_create_pipeline_payload_decode,
		ipc4_create_pipeline_payload_encode },
	[IPC4_KIND_DELETE_PIPELINE] = { IPC4_TGT_GLOBAL, IPC4_GLB_DELETE_PIPELINE,
		&ipc4_delete_pipeline_layout, sizeof(struct ipc4_delete_pipeline), NULL, NULL },
	[IPC4_KIND_SET_PIPELINE_STATE] = { IPC4_TGT_GLOBAL, IPC4_GLB_SET_PIPELINE_STATE,
		&ipc4_set_pipeline_state_layout, sizeof(struct ipc4_set_pipeline_state), ipc4_set_pipeline_state_payload_decode,
		ipc4_set_pipeline_state_payload_encode },
	[IPC4_KIND_GET_PIPELINE_STATE] = { IPC4_TGT_GLOBAL, IPC4_GLB_GET_PIPELINE_STATE,
		&ipc4_get_pipeline_state_layout, sizeof(struct ipc4_get_pipeline_state), NULL, NULL },
	[IPC4_KIND_INIT_INSTANCE] = { IPC4_TGT_MODULE, IPC4_MOD_INIT_INSTANCE,
		&ipc4_init_instance_layout, sizeof(struct ipc4_init_instance), ipc4_init_instance_payload_decode,
		ipc4_init_instance_payload_encode },
	[IPC4_KIND_CONFIG_GET] = { IPC4_TGT_MODULE, IPC4_MOD_CONFIG_GET,
		&ipc4_config_layout, sizeof(struct ipc4_config), NULL, NULL },
	[IPC4_KIND_CONFIG_SET] = { IPC4_TGT_MODULE, IPC4_MOD_CONFIG_SET,
		&ipc4_config_layout, sizeof(struct ipc4_config), NULL, NULL },
	[IPC4_KIND_LARGE_CONFIG_GET] = { IPC4_TGT_MODULE, IPC4_MOD_LARGE_CONFIG_GET,
		&ipc4_large_config_layout, sizeof(struct ipc4_large_config), ipc4_large_config_get_payload_decode,
		ipc4_large_config_payload_encode },
	[IPC4_KIND_LARGE_CONFIG_SET] = { IPC4_TGT_MODULE, IPC4_MOD_LARGE_CONFIG_SET,
		&ipc4_large_config_layout, sizeof(struct ipc4_large_config), ipc4_large_config_set_payload_decode,
		ipc4_large_config_payload_encode },
	[IPC4_KIND_BIND] = { IPC4_TGT_MODULE, IPC4_MOD_BIND, &ipc4_bind_layout, sizeof(struct ipc4_bind), NULL, NULL },
	[IPC4_KIND_UNBIND] = { IPC4_TGT_MODULE, IPC4_MOD_UNBIND, &ipc4_bind_layout, sizeof(struct ipc4_bind), NULL, NULL },
	[IPC4_KIND_DELETE_INSTANCE] = { IPC4_TGT_MODULE, IPC4_MOD_DELETE_INSTANCE,
		&ipc4_delete_instance_layout, sizeof(struct ipc4_delete_instance), NULL, NULL },
};

uint32_t ipc4_kind_type(enum ipc4_kind kind)
{
	if ((unsigned)kind >= IPC4_KIND_COUNT)
		return 0xFFFFFFFFu;
	return ((uint32_t)kinds[kind].msg_tgt << 8) | kinds[kind].type;
}

/* The kind of (msg_tgt, type), or the status refusing it. */
static uint32_t find_kind(const struct ipc4_hdr *h, enum ipc4_kind *kind)
{
	for (unsigned k = 0; k < IPC4_KIND_COUNT; k++) {
		if (kinds[k].msg_tgt == h->msg_tgt && kinds[k].type == h->type) {
			*kind = (enum ipc4_kind)k;
			return IPC4_SUCCESS;
		}
	}
	if (h->msg_tgt == IPC4_TGT_MODULE && h->type > IPC4_MOD_DELETE_INSTANCE)
		return IPC4_UNKNOWN_MESSAGE_TYPE;
	return IPC4_UNAVAILABLE;
}

/* Bytes of the decoded form of @r that carry meaning (the id list only up to count). */
static size_t used_size(const struct ipc4_request *r)
{
	if (r->kind == IPC4_KIND_SET_PIPELINE_STATE)
		return offsetof(struct ipc4_set_pipeline_state, ppl_ids) +
		       sizeof(uint32_t) * r->u.set_pipeline_state.count;
	return kinds[r->kind].size;
}

uint32_t ipc4_decode(const struct ipc4_msg *m, struct ipc4_request *out)
{
	const uint32_t words[2] = { m->primary, m->extension };
	struct ipc4_request r;
	enum ipc4_kind kind = IPC4_KIND_COUNT;
	uint32_t status;

	if (m->len && !m->payload)
		return IPC4_ERROR_INVALID_PARAM;
	memset(&r.hdr, 0, sizeof(r.hdr));
	ipc4_fields_decode(&ipc4_hdr_layout, words, &r.hdr);
	/* An inbound reply is never executed (reference §1.2 [REC]). */
	if (r.hdr.rsp)
		return IPC4_INVALID_REQUEST;
	status = find_kind(&r.hdr, &kind);
	if (status != IPC4_SUCCESS)
		return status;
	r.kind = kind;
	/* the id list of SET_PIPELINE_STATE is written up to its count, not cleared */
	memset(&r.u, 0, kind == IPC4_KIND_SET_PIPELINE_STATE ?
		offsetof(struct ipc4_set_pipeline_state, ppl_ids) : kinds[kind].size);
	ipc4_fields_decode(kinds[kind].layout, words, &r.u);
	if (kinds[kind].decode)
		status = kinds[kind].decode(m, &r.u);
	else if (m->len)
		status = IPC4_UNEXPECTED_PAYLOAD;
	if (status != IPC4_SUCCESS)
		return status;
	out->kind = r.kind;
	out->hdr = r.hdr;
	memcpy(&out->u, &r.u, used_size(&r));
	return IPC4_SUCCESS;
}

int ipc4_encode(const struct ipc4_request *r, struct ipc4_frame *out)
{
	struct ipc4_request copy;  /* the payload codec stores computed sizes here */
	struct ipc4_hdr hdr = { 0 };
	uint32_t words[2] = { 0, 0 };
	int ret = 0;

	if (!r || !out || (unsigned)r->kind >= IPC4_KIND_COUNT)
		return -EINVAL;
	if (r->kind == IPC4_KIND_SET_PIPELINE_STATE &&
	    r->u.set_pipeline_state.count > IPC4_MAX_MULTI_PPL)
		return -EINVAL;
	copy.kind = r->kind;
	memcpy(&copy.u, &r->u, used_size(r));
	out->len = 0;
	if (kinds[r->kind].encode)
		ret = kinds[r->kind].encode(&copy.u, out);
	if (ret)
		return ret;
	hdr.type = kinds[r->kind].type;
	hdr.msg_tgt = kinds[r->kind].msg_tgt;
	ret = ipc4_fields_encode(&ipc4_hdr_layout, &hdr, words);
	if (!ret)
		ret = ipc4_fields_encode(kinds[r->kind].layout, &copy.u, words);
	if (ret)
		return ret;
	out->primary = words[0];
	out->extension = words[1];
	return 0;
}

void ipc4_reply_decode(uint32_t primary, uint32_t extension, struct ipc4_reply_hdr *out,
		       uint32_t *ext_out)
{
	const uint32_t words[2] = { primary, extension };

	memset(out, 0, sizeof(*out));
	ipc4_fields_decode(&ipc4_reply_layout, words, out);
	if (ext_out)
		*ext_out = extension;
}

uint32_t ipc4_reply_primary(uint32_t req_primary, uint32_t status)
{
	const uint32_t req[2] = { req_primary, 0 };
	struct ipc4_hdr h;
	struct ipc4_reply_hdr rep;
	uint32_t words[2] = { 0, 0 };

	ipc4_fields_decode(&ipc4_hdr_layout, req, &h);
	rep.status = status > IPC4_MAX_STATUS ? IPC4_MAX_STATUS : status;
	rep.type = h.type;
	rep.rsp = 1;
	rep.msg_tgt = h.msg_tgt;
	/* every value is within its field by construction */
	(void)ipc4_fields_encode(&ipc4_reply_layout, &rep, words);
	return words[0];
}

uint32_t ipc4_get_pipeline_state_reply_ext(uint32_t state)
{
	struct ipc4_get_pipeline_state_reply rep = { .state = state & 0x1Fu };
	uint32_t words[2] = { 0, 0 };

	(void)ipc4_fields_encode(&ipc4_get_pipeline_state_reply_layout, &rep, words);
	return words[1];
}

uint32_t ipc4_get_pipeline_state_reply_state(uint32_t extension)
{
	const uint32_t words[2] = { 0, extension };
	struct ipc4_get_pipeline_state_reply rep = { 0 };

	ipc4_fields_decode(&ipc4_get_pipeline_state_reply_layout, words, &rep);
	return rep.state;
}

uint32_t ipc4_large_config_get_reply_ext(uint32_t req_ext, uint32_t produced, bool error)
{
	const uint32_t req[2] = { 0, req_ext };
	uint32_t words[2] = { 0, 0 };
	uint32_t keep;
	struct ipc4_large_config lc = { 0 };

	ipc4_fields_decode(&ipc4_large_config_layout, req, &lc);
	if ((!lc.final_block && produced < IPC4_MAILBOX_SIZE) || error)
		lc.final_block = 1;
	lc.data_off_size = produced & 0xFFFFFu;
	(void)ipc4_fields_encode(&ipc4_large_config_layout, &lc, words);
	/* bits no field describes (the reserved ones) stay as the request had them */
	keep = req_ext & ~(ipc4_field_mask(&ipc4_large_config_layout, "data_off_size", 1) |
			   ipc4_field_mask(&ipc4_large_config_layout, "large_param_id", 1) |
			   ipc4_field_mask(&ipc4_large_config_layout, "final_block", 1) |
			   ipc4_field_mask(&ipc4_large_config_layout, "init_block", 1));
	return words[1] | keep;
}
