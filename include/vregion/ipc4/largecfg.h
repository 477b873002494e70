/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vendor (0xFF) record list of LARGE_CONFIG_SET.
 *
 * Fragments (reference §6.2) are checked by ipc4_decode() against the bytes
 * received (single: data_off_size = total; first: total > 4096 and exactly
 * 4096 bytes; middle: its offset and 4096 bytes; last: its offset and
 * 1..4096 bytes). Their sequence is checked where the blob is assembled, in
 * fw_module_set_large_config() (include/vregion/audio/fw.h).
 */
#ifndef VREGION_IPC4_LARGECFG_H
#define VREGION_IPC4_LARGECFG_H

#include <stddef.h>
#include <stdint.h>

#include <vregion/ipc4/msg.h>

#ifdef __cplusplus
extern "C" {
#endif

/** One vendor record: type, length in bytes, value. */
struct ipc4_tlv {
	uint32_t type;
	uint32_t length;
	const uint8_t *value;
};

/**
 * Check a vendor record list (records of type u32, length u32, value padded
 * to whole dwords): a list shorter than 8 bytes gives
 * IPC4_INVALID_CONFIG_DATA_STRUCT, a record of length 0
 * IPC4_INVALID_CONFIG_DATA_LEN, a record running past the end
 * IPC4_INVALID_REQUEST. Returns IPC4_SUCCESS and the record count.
 */
uint32_t ipc4_tlv_check(const uint8_t *data, size_t len, uint32_t *count);

/**
 * The record at byte *@p pos of a list that passed ipc4_tlv_check(); advances
 * *@p pos. Returns 1 with @p out filled, or 0 at the end of the list.
 */
int ipc4_tlv_next(const uint8_t *data, size_t len, size_t *pos, struct ipc4_tlv *out);

#ifdef __cplusplus
}
#endif
#endif
