/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Payloads of the module messages: the INIT_INSTANCE parameter block with
 * its ext-init objects (reference §4.2) and the LARGE_CONFIG_SET/GET
 * fragments (§6).
 */
#include <errno.h>
#include <string.h>

#include <vregion/ipc4/largecfg.h>
#include <vregion/ipc4/layouts.h>
#include <vregion/ipc4/modcfg.h>
#include <vregion/ipc4/msg.h>

#include "codec.h"

#define EXT_INIT_BYTES 12u
#define DP_DATA_BYTES 12u

/*
 * DP_DATA shorter than 12 bytes is ignored (SOF keeps this for an older
 * host); the 20-byte older form is read as its first 12 bytes. A later
 * object of the same id replaces an earlier one. Unknown ids are skipped.
 */
static void init_object(void *ctx, const struct ipc4_obj_hdr *h, const uint8_t *body,
			uint32_t body_len)
{
	struct ipc4_init_instance *ii = ctx;

	if (h->object_id == IPC4_MOD_OBJ_DP_DATA && body_len >= DP_DATA_BYTES) {
		(void)ipc4_fields_decode_bytes(&ipc4_mem_data_layout, body, body_len, &ii->dp_data);
		ii->has_dp_data = true;
	} else if (h->object_id == IPC4_MOD_OBJ_MODULE_DATA) {
		ii->module_data = body;
		ii->module_data_len = body_len;
		ii->has_module_data = true;
	}
}

/*
 * Every INIT_INSTANCE failure is MOD_NOT_INITIALIZED (reference §4.7). We
 * also require the block to be exactly param_block_size dwords and the
 * module configuration that follows ext-init to hold at least the base
 * config (§4.3 step 1).
 */
uint32_t ipc4_init_instance_payload_decode(const struct ipc4_msg *m, void *body)
{
	struct ipc4_init_instance *ii = body;
	uint32_t used = 0;

	if ((uint64_t)ii->param_block_size * 4u > IPC4_MAILBOX_SIZE ||
	    ii->param_block_size * 4u != m->len)
		return IPC4_MOD_NOT_INITIALIZED;
	if (ii->extended_init) {
		if (m->len < EXT_INIT_BYTES)
			return IPC4_MOD_NOT_INITIALIZED;
		(void)ipc4_fields_decode_bytes(&ipc4_ext_init_layout, m->payload, m->len, ii);
		used = EXT_INIT_BYTES;
		if (ii->data_obj_array &&
		    ipc4_obj_walk(m->payload, m->len, EXT_INIT_BYTES, &used, init_object, ii))
			return IPC4_MOD_NOT_INITIALIZED;
	}
	ii->config = m->payload ? m->payload + used : NULL;
	ii->config_len = m->len - used;
	if (ii->config_len < IPC4_BASE_CFG_BYTES)
		return IPC4_MOD_NOT_INITIALIZED;
	return IPC4_SUCCESS;
}

static int init_objects_encode(const struct ipc4_init_instance *ii, uint8_t *buf, uint32_t *pos)
{
	uint8_t dp[DP_DATA_BYTES];
	int ret;

	if (ii->has_dp_data) {
		ret = ipc4_fields_encode_bytes(&ipc4_mem_data_layout, &ii->dp_data, dp, sizeof(dp));
		if (!ret)
			ret = ipc4_obj_put(buf, IPC4_MAILBOX_SIZE, pos, IPC4_MOD_OBJ_DP_DATA,
					   !ii->has_module_data, dp, sizeof(dp));
		if (ret)
			return ret;
	}
	if (ii->has_module_data)
		return ipc4_obj_put(buf, IPC4_MAILBOX_SIZE, pos, IPC4_MOD_OBJ_MODULE_DATA, 1,
				    ii->module_data, ii->module_data_len);
	return 0;
}

int ipc4_init_instance_payload_encode(void *body, struct ipc4_frame *out)
{
	struct ipc4_init_instance *ii = body;
	uint32_t pos = 0;
	int ret;

	if (ii->config_len % 4u || (ii->config_len && !ii->config))
		return -EINVAL;
	if (ii->extended_init) {
		if (ii->data_obj_array != ((ii->has_dp_data || ii->has_module_data) ? 1u : 0u))
			return -EINVAL;
		memset(out->payload, 0, EXT_INIT_BYTES);
		ret = ipc4_fields_encode_bytes(&ipc4_ext_init_layout, ii, out->payload,
					       IPC4_MAILBOX_SIZE);
		if (ret)
			return ret;
		pos = EXT_INIT_BYTES;
		ret = init_objects_encode(ii, out->payload, &pos);
		if (ret)
			return ret;
	} else if (ii->rtos_domain || ii->gna_used || ii->data_obj_array || ii->has_dp_data ||
		   ii->has_module_data) {
		return -EINVAL;
	}
	if ((uint64_t)pos + ii->config_len > IPC4_MAILBOX_SIZE)
		return -EINVAL;
	if (ii->config_len)
		memcpy(out->payload + pos, ii->config, ii->config_len);
	out->len = pos + ii->config_len;
	ii->param_block_size = out->len / 4u;
	return 0;
}

/* The vendor record list travels in one block of at most one mailbox. */
static uint32_t vendor_set_check(const struct ipc4_msg *m, const struct ipc4_large_config *lc)
{
	uint32_t n;

	if (lc->data_off_size > IPC4_MAILBOX_SIZE || !lc->init_block || !lc->final_block ||
	    m->len < 8u || lc->data_off_size != m->len)
		return IPC4_INVALID_CONFIG_DATA_STRUCT;
	return ipc4_tlv_check(m->payload, m->len, &n);
}

/*
 * Fragment rules (reference §6.2 with §10's one 4096-byte chunk): the
 * bytes received must be exactly what the header announces. Failures give
 * INVALID_RESOURCE_ID, the code of every setter failure.
 */
static uint32_t fragment_check(const struct ipc4_msg *m, const struct ipc4_large_config *lc)
{
	const uint32_t chunk = IPC4_MAILBOX_SIZE;

	if (m->len > chunk)
		return IPC4_INVALID_RESOURCE_ID;
	if (lc->init_block && lc->final_block)            /* single: size = bytes */
		return lc->data_off_size == m->len ? IPC4_SUCCESS : IPC4_INVALID_RESOURCE_ID;
	if (lc->init_block)                               /* first: total, one full chunk */
		return (m->len == chunk && lc->data_off_size > chunk &&
			lc->data_off_size <= IPC4_MAX_BLOB_SIZE) ?
			IPC4_SUCCESS : IPC4_INVALID_RESOURCE_ID;
	if (lc->data_off_size == 0 || lc->data_off_size % chunk ||
	    lc->data_off_size >= IPC4_MAX_BLOB_SIZE)
		return IPC4_INVALID_RESOURCE_ID;          /* offsets of later chunks */
	if (!lc->final_block)                             /* middle: one full chunk */
		return m->len == chunk ? IPC4_SUCCESS : IPC4_INVALID_RESOURCE_ID;
	return m->len > 0 ? IPC4_SUCCESS : IPC4_INVALID_RESOURCE_ID;  /* last */
}

uint32_t ipc4_large_config_set_payload_decode(const struct ipc4_msg *m, void *body)
{
	struct ipc4_large_config *lc = body;
	uint32_t status;

	if (lc->large_param_id == IPC4_VENDOR_CONFIG_PARAM)
		status = vendor_set_check(m, lc);
	else
		status = fragment_check(m, lc);
	if (status != IPC4_SUCCESS)
		return status;
	lc->data = m->payload;
	lc->data_len = m->len;
	return IPC4_SUCCESS;
}

/*
 * A GET request carries data only for the vendor list and for the generic
 * controls (200..202: their 20-byte control header).
 */
uint32_t ipc4_large_config_get_payload_decode(const struct ipc4_msg *m, void *body)
{
	struct ipc4_large_config *lc = body;

	if (lc->large_param_id == IPC4_VENDOR_CONFIG_PARAM) {
		if (lc->data_off_size > IPC4_MAILBOX_SIZE || m->len > IPC4_MAILBOX_SIZE)
			return IPC4_INVALID_CONFIG_DATA_STRUCT;
	} else if (lc->large_param_id >= IPC4_SWITCH_CONTROL_PARAM &&
		   lc->large_param_id <= IPC4_BYTES_CONTROL_PARAM) {
		if (m->len != IPC4_SWITCH_HDR_BYTES)
			return IPC4_INVALID_RESOURCE_ID;
	} else if (m->len) {
		return IPC4_INVALID_RESOURCE_ID;
	}
	lc->data = m->payload;
	lc->data_len = m->len;
	return IPC4_SUCCESS;
}

int ipc4_large_config_payload_encode(void *body, struct ipc4_frame *out)
{
	struct ipc4_large_config *lc = body;

	if (lc->data_len > IPC4_MAILBOX_SIZE || (lc->data_len && !lc->data))
		return -EINVAL;
	if (lc->data_len)
		memcpy(out->payload, lc->data, lc->data_len);
	out->len = lc->data_len;
	return 0;
}
