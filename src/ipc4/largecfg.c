/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * LARGE_CONFIG_SET reassembly (reference §6.2) and the vendor record list.
 * The decoder has already checked each fragment against its own bytes;
 * here the sequence is checked against the transfer so far.
 */
#include <string.h>

#include <vregion/ipc4/largecfg.h>
#include <vregion/ipc4/layouts.h>

void ipc4_blob_init(struct ipc4_blob_asm *a, uint8_t *buf, uint32_t cap)
{
	memset(a, 0, sizeof(*a));
	a->buf = buf;
	a->cap = buf ? cap : 0;
}

void ipc4_blob_abort(struct ipc4_blob_asm *a)
{
	a->active = false;
	a->total = 0;
	a->filled = 0;
}

static uint32_t feed_first(struct ipc4_blob_asm *a, const struct ipc4_large_config *f,
			   bool *complete)
{
	bool single = f->final_block;
	uint32_t total = f->data_off_size;

	if (a->active || total > a->cap || f->data_len > total ||
	    (single && f->data_len != total))
		return IPC4_INVALID_RESOURCE_ID;
	if (f->data_len)
		memcpy(a->buf, f->data, f->data_len);
	a->total = total;
	a->filled = f->data_len;
	a->param_id = f->large_param_id;
	a->active = !single;
	*complete = single && total > 0;
	return IPC4_SUCCESS;
}

static uint32_t feed_next(struct ipc4_blob_asm *a, const struct ipc4_large_config *f,
			  bool *complete)
{
	uint32_t off = f->data_off_size;
	uint64_t end = (uint64_t)off + f->data_len;

	if (!a->active || f->large_param_id != a->param_id || off != a->filled ||
	    end > a->total || (f->final_block && end != a->total) ||
	    (!f->final_block && end == a->total))
		return IPC4_INVALID_RESOURCE_ID;
	memcpy(a->buf + off, f->data, f->data_len);
	a->filled = (uint32_t)end;
	a->active = !f->final_block;
	*complete = f->final_block;
	return IPC4_SUCCESS;
}

uint32_t ipc4_blob_feed(struct ipc4_blob_asm *a, const struct ipc4_large_config *frag,
			bool *complete)
{
	*complete = false;
	if (frag->data_len && !frag->data)
		return IPC4_INVALID_RESOURCE_ID;
	if (frag->init_block)
		return feed_first(a, frag, complete);
	return feed_next(a, frag, complete);
}

/* Value bytes of a record rounded up to whole dwords, without overflow. */
static uint64_t padded(uint32_t length)
{
	return ((uint64_t)length + 3u) & ~(uint64_t)3u;
}

uint32_t ipc4_tlv_check(const uint8_t *data, size_t len, uint32_t *count)
{
	size_t pos = 0;
	uint32_t n = 0;

	*count = 0;
	if (!data || len < 8u)
		return IPC4_INVALID_CONFIG_DATA_STRUCT;
	while (pos < len) {
		struct ipc4_tlv t;

		if (ipc4_fields_decode_bytes(&ipc4_tlv_hdr_layout, data + pos, len - pos, &t))
			return IPC4_INVALID_REQUEST;       /* header runs past the end */
		if (t.length == 0)
			return IPC4_INVALID_CONFIG_DATA_LEN;
		if (8u + padded(t.length) > len - pos)
			return IPC4_INVALID_REQUEST;       /* value runs past the end */
		pos += 8u + (size_t)padded(t.length);
		n++;
	}
	*count = n;
	return IPC4_SUCCESS;
}

int ipc4_tlv_next(const uint8_t *data, size_t len, size_t *pos, struct ipc4_tlv *out)
{
	if (*pos >= len ||
	    ipc4_fields_decode_bytes(&ipc4_tlv_hdr_layout, data + *pos, len - *pos, out))
		return 0;
	if (8u + padded(out->length) > len - *pos)
		return 0;
	out->value = data + *pos + 8u;
	*pos += 8u + (size_t)padded(out->length);
	return 1;
}
