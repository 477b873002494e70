/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The object array shared by the CREATE_PIPELINE extension payload and the
 * INIT_INSTANCE ext-init block: 4-byte headers, bodies of object_words
 * dwords, the walk ends at the object marked last.
 */
#include <errno.h>
#include <string.h>

#include <vregion/ipc4/layouts.h>

#include "codec.h"

int ipc4_obj_walk(const uint8_t *block, uint32_t size, uint32_t start, uint32_t *end,
		  ipc4_obj_fn fn, void *ctx)
{
	uint32_t pos = start;
	struct ipc4_obj_hdr h;

	do {
		uint32_t body_len;

		/* 64-bit arithmetic: object_words * 4 cannot wrap. */
		if ((uint64_t)pos + 4u > size)
			return -1;
		if (ipc4_fields_decode_bytes(&ipc4_obj_hdr_layout, block + pos, size - pos, &h))
			return -1;
		body_len = h.object_words * 4u;
		if ((uint64_t)pos + 4u + body_len > size)
			return -1;
		fn(ctx, &h, block + pos + 4u, body_len);
		pos += 4u + body_len;
	} while (!h.last_object);
	*end = pos;
	return 0;
}

int ipc4_obj_put(uint8_t *buf, uint32_t cap, uint32_t *pos, uint32_t id, int last,
		 const uint8_t *body, uint32_t len)
{
	struct ipc4_obj_hdr h = { .last_object = last ? 1u : 0u, .object_id = id,
				  .object_words = len / 4u };
	int ret;

	if (len % 4u || (uint64_t)*pos + 4u + len > cap)
		return -EINVAL;
	ret = ipc4_fields_encode_bytes(&ipc4_obj_hdr_layout, &h, buf + *pos, cap - *pos);
	if (ret)
		return ret;
	if (len)
		memcpy(buf + *pos + 4u, body, len);
	*pos += 4u + len;
	return 0;
}
