/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Payloads of the pipeline messages: the CREATE_PIPELINE extension payload
 * (reference §2.2) and the multi-pipeline SET_PIPELINE_STATE list (§3.2).
 */
#include <errno.h>
#include <string.h>

#include <vregion/ipc4/layouts.h>
#include <vregion/ipc4/msg.h>

#include "codec.h"

#define PPL_EXT_HDR_BYTES 12u
#define MEM_DATA_BYTES 12u

/* A MEM_DATA body shorter than 12 bytes is ignored, as SOF does; a later one wins. */
static void ppl_object(void *ctx, const struct ipc4_obj_hdr *h, const uint8_t *body,
		       uint32_t body_len)
{
	struct ipc4_create_pipeline *cp = ctx;

	if (h->object_id != IPC4_PPL_OBJ_MEM_DATA || body_len < MEM_DATA_BYTES)
		return;
	(void)ipc4_fields_decode_bytes(&ipc4_mem_data_layout, body, body_len, &cp->mem_data);
	cp->has_mem_data = true;
}

/*
 * Stricter than SOF (docs/ipc4.md): a payload that does not decode refuses
 * the pipeline instead of creating it without memory parameters, and the
 * payload must be exactly payload_words dwords with nothing after the last
 * object.
 */
uint32_t ipc4_create_pipeline_payload_decode(const struct ipc4_msg *m, void *body)
{
	struct ipc4_create_pipeline *cp = body;
	uint32_t end = PPL_EXT_HDR_BYTES;

	if (!cp->payload)
		return m->len ? IPC4_UNEXPECTED_PAYLOAD : IPC4_SUCCESS;
	if (m->len < PPL_EXT_HDR_BYTES || m->len > IPC4_MAILBOX_SIZE)
		return IPC4_ERROR_INVALID_PARAM;
	(void)ipc4_fields_decode_bytes(&ipc4_ppl_ext_hdr_layout, m->payload, m->len, cp);
	if ((uint64_t)cp->payload_words * 4u != m->len)
		return IPC4_ERROR_INVALID_PARAM;
	if (cp->data_obj_array &&
	    ipc4_obj_walk(m->payload, m->len, PPL_EXT_HDR_BYTES, &end, ppl_object, cp))
		return IPC4_ERROR_INVALID_PARAM;
	if (end != m->len)
		return IPC4_ERROR_INVALID_PARAM;
	return IPC4_SUCCESS;
}

int ipc4_create_pipeline_payload_encode(void *body, struct ipc4_frame *out)
{
	struct ipc4_create_pipeline *cp = body;
	uint8_t md[MEM_DATA_BYTES];
	uint32_t pos = PPL_EXT_HDR_BYTES;
	int ret;

	if (!cp->payload) {
		if (cp->data_obj_array || cp->has_mem_data)
			return -EINVAL;
		cp->payload_words = 0;
		return 0;
	}
	if (cp->data_obj_array != (cp->has_mem_data ? 1u : 0u))
		return -EINVAL;  /* an object array needs an object, an object needs the array */
	if (cp->has_mem_data) {
		ret = ipc4_fields_encode_bytes(&ipc4_mem_data_layout, &cp->mem_data, md, sizeof(md));
		if (!ret)
			ret = ipc4_obj_put(out->payload, IPC4_MAILBOX_SIZE, &pos,
					   IPC4_PPL_OBJ_MEM_DATA, 1, md, sizeof(md));
		if (ret)
			return ret;
	}
	cp->payload_words = pos / 4u;
	memset(out->payload, 0, PPL_EXT_HDR_BYTES);
	ret = ipc4_fields_encode_bytes(&ipc4_ppl_ext_hdr_layout, cp, out->payload,
				       IPC4_MAILBOX_SIZE);
	if (ret)
		return ret;
	out->len = pos;
	return 0;
}

/*
 * Multi-pipeline list: count, then count ids. SOF refuses a count above
 * (4096 - 4) / 4 and a first id >= 2^31 with ERROR_INVALID_PARAM; we give
 * the same code to a zero count and to a list whose length is not exactly
 * 4 + 4 * count.
 */
uint32_t ipc4_set_pipeline_state_payload_decode(const struct ipc4_msg *m, void *body)
{
	struct ipc4_set_pipeline_state *s = body;

	if (!s->multi_ppl)
		return m->len ? IPC4_UNEXPECTED_PAYLOAD : IPC4_SUCCESS;
	if (m->len < 4u || m->len > IPC4_MAILBOX_SIZE)
		return IPC4_ERROR_INVALID_PARAM;
	s->count = ipc4_le32(m->payload);
	if (s->count == 0 || s->count > IPC4_MAX_MULTI_PPL || m->len != 4u + 4u * s->count)
		return IPC4_ERROR_INVALID_PARAM;
	for (uint32_t i = 0; i < s->count; i++)
		s->ppl_ids[i] = ipc4_le32(m->payload + 4u + 4u * i);
	if (s->ppl_ids[0] >= 0x80000000u)
		return IPC4_ERROR_INVALID_PARAM;
	return IPC4_SUCCESS;
}

int ipc4_set_pipeline_state_payload_encode(void *body, struct ipc4_frame *out)
{
	struct ipc4_set_pipeline_state *s = body;

	if (!s->multi_ppl) {
		if (s->count)
			return -EINVAL;
		return 0;
	}
	if (s->count == 0 || s->count > IPC4_MAX_MULTI_PPL)
		return -EINVAL;
	ipc4_put_le32(out->payload, s->count);
	for (uint32_t i = 0; i < s->count; i++)
		ipc4_put_le32(out->payload + 4u + 4u * i, s->ppl_ids[i]);
	out->len = 4u + 4u * s->count;
	return 0;
}
