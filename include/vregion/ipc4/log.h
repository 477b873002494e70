/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * IPC log files: every request and reply as a record
 *
 *   u32 primary | u32 extension | u32 payload length in bytes | payload
 *
 * all little-endian, records back to back, no file header (docs/ipc4.md).
 * A reply is told from a request by the rsp bit of its primary word.
 * Host code (stdio). A writer or reader object is used by one thread.
 */
#ifndef VREGION_IPC4_LOG_H
#define VREGION_IPC4_LOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <vregion/ipc4/msg.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bytes of a record header. */
#define IPC4_LOG_RECORD_HDR 12u

/**
 * Append one record to @p f. Returns 0, -EINVAL (NULL file, or payload NULL
 * with len > 0), -EMSGSIZE (len > IPC4_MAILBOX_SIZE; nothing written) or
 * -EIO (write failed). O(len).
 */
int ipc4_log_write(FILE *f, uint32_t primary, uint32_t extension, const uint8_t *payload,
		   uint32_t len);

/** ipc4_log_write() of a message view. */
int ipc4_log_write_msg(FILE *f, const struct ipc4_msg *m);

/** Sequential reader with the position of the last error. */
struct ipc4_log_reader {
	FILE *f;
	uint64_t offset;    /**< bytes consumed so far */
	uint32_t index;     /**< records read so far */
	char error[160];    /**< what the last failure was, with its place */
};

/** Start reading @p f from its current position. */
void ipc4_log_reader_init(struct ipc4_log_reader *r, FILE *f);

/**
 * Read the next record into @p out. Returns 1 (a record), 0 (clean end of
 * file: no byte after the last record), or a negative errno with
 * r->error describing it: -EBADMSG (the file ends inside a record header or
 * payload), -EMSGSIZE (a length above IPC4_MAILBOX_SIZE; nothing of the
 * payload is read), -EIO (read error). After an error the reader stays
 * where it failed. O(record length).
 */
int ipc4_log_read(struct ipc4_log_reader *r, struct ipc4_frame *out);

/**
 * One line describing a record, e.g.
 * "request CREATE_PIPELINE primary=0x11010000 extension=0x20000000 len=28" or
 * "reply INIT_INSTANCE status=104 IPC4_MOD_NOT_INITIALIZED extension=0x30010012".
 * Writes at most @p cap bytes (NUL-terminated); returns snprintf's count.
 */
int ipc4_log_describe(const struct ipc4_frame *rec, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif
#endif
