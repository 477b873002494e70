/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * LARGE_CONFIG_SET multi-block reassembly and the vendor (0xFF) record list.
 *
 * Fragments (reference §6.2), checked by ipc4_decode() against the bytes
 * received: single (init+final) carries data_off_size = total bytes; first
 * (init) carries total > 4096 and exactly 4096 bytes; middle carries its
 * offset and exactly 4096 bytes; last (final) carries its offset and 1..4096
 * bytes. The assembler below then checks the sequence: offsets in order,
 * total within the buffer, last fragment ending exactly at total.
 */
#ifndef VREGION_IPC4_LARGECFG_H
#define VREGION_IPC4_LARGECFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/ipc4/msg.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Reassembly state of one module's LARGE_CONFIG_SET transfer. */
struct ipc4_blob_asm {
	uint8_t *buf;          /**< caller's staging buffer */
	uint32_t cap;          /**< its size, at most IPC4_MAX_BLOB_SIZE is useful */
	uint32_t total;        /**< bytes announced by the first fragment */
	uint32_t filled;       /**< bytes received so far */
	uint32_t param_id;     /**< large_param_id of the transfer */
	bool active;           /**< a multi-block transfer is in progress */
};

/** Start with an empty assembler over @p buf of @p cap bytes. */
void ipc4_blob_init(struct ipc4_blob_asm *a, uint8_t *buf, uint32_t cap);

/**
 * Feed one decoded LARGE_CONFIG_SET fragment. Returns IPC4_SUCCESS, or
 * IPC4_INVALID_RESOURCE_ID (the reference's setter-failure code) for: a
 * first/single fragment while a transfer is active (busy), a total above
 * @c cap, a middle/last fragment without a first one, a different
 * large_param_id, an offset other than the bytes received so far, or a last
 * fragment not ending at the total. A refused fragment changes nothing.
 * On success *@p complete tells whether the blob (buf[0..total)) is whole;
 * a single fragment of 0 bytes succeeds with *complete = false.
 * O(fragment length).
 */
uint32_t ipc4_blob_feed(struct ipc4_blob_asm *a, const struct ipc4_large_config *frag,
			bool *complete);

/** Drop a transfer in progress (module reset or delete). */
void ipc4_blob_abort(struct ipc4_blob_asm *a);

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
