/* SPDX-License-Identifier: BSD-3-Clause */
/* Internal to the IPC4 codec: per-message payload codecs and the object walk. */
#ifndef VREGION_IPC4_CODEC_H
#define VREGION_IPC4_CODEC_H

#include <vregion/ipc4/fields.h>
#include <vregion/ipc4/msg.h>

/* Callback of ipc4_obj_walk(): one object with its body inside the block. */
typedef void (*ipc4_obj_fn)(void *ctx, const struct ipc4_obj_hdr *h, const uint8_t *body,
			    uint32_t body_len);

/*
 * Walk the objects of block[0..size) from byte @start until one has
 * last_object set. Every header and body is checked to lie inside the block
 * before it is read. Returns 0 with *@end = the byte after the last object,
 * or -1 when an object overflows the block or no object is marked last.
 */
int ipc4_obj_walk(const uint8_t *block, uint32_t size, uint32_t start, uint32_t *end,
		  ipc4_obj_fn fn, void *ctx);

/*
 * Append object (@id, @last) with body @body of @len bytes (a multiple of
 * 4) at *@pos of @buf (capacity @cap). Returns 0, -EINVAL (no room or not
 * whole dwords) or -ERANGE (too many words).
 */
int ipc4_obj_put(uint8_t *buf, uint32_t cap, uint32_t *pos, uint32_t id, int last,
		 const uint8_t *body, uint32_t len);

/* Payload codecs of each kind (msg_pipeline.c, msg_module.c). */
/*
 * decode: the header fields are already in @body; check and take the
 * payload of @m; return an IPC4 status. encode: write the payload into
 * @out and store the size fields it computes into @body (a copy owned by
 * the encoder) before the header words are encoded; return 0 or -errno.
 */
uint32_t ipc4_create_pipeline_payload_decode(const struct ipc4_msg *m, void *body);
int ipc4_create_pipeline_payload_encode(void *body, struct ipc4_frame *out);
uint32_t ipc4_set_pipeline_state_payload_decode(const struct ipc4_msg *m, void *body);
int ipc4_set_pipeline_state_payload_encode(void *body, struct ipc4_frame *out);
uint32_t ipc4_init_instance_payload_decode(const struct ipc4_msg *m, void *body);
int ipc4_init_instance_payload_encode(void *body, struct ipc4_frame *out);
uint32_t ipc4_large_config_set_payload_decode(const struct ipc4_msg *m, void *body);
uint32_t ipc4_large_config_get_payload_decode(const struct ipc4_msg *m, void *body);
int ipc4_large_config_payload_encode(void *body, struct ipc4_frame *out);

/* Status of a payload on a message that has none. */
#define IPC4_UNEXPECTED_PAYLOAD IPC4_ERROR_INVALID_PARAM

#endif
