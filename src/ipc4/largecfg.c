/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vendor (0xFF) record list of LARGE_CONFIG_SET. Fragment reassembly is
 * the framework's (fw_module_set_large_config), in the module's own memory.
 */
#include <vregion/ipc4/largecfg.h>
#include <vregion/ipc4/layouts.h>

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
