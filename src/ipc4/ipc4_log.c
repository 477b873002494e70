/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The IPC log file: records of primary, extension, length, payload, all
 * little-endian. Every length is checked before a payload byte is read.
 */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <vregion/ipc4/fields.h>
#include <vregion/ipc4/log.h>
#include <vregion/ipc4/status.h>

int ipc4_log_write(FILE *f, uint32_t primary, uint32_t extension, const uint8_t *payload,
		   uint32_t len)
{
	uint8_t hdr[IPC4_LOG_RECORD_HDR];

	if (!f || (len && !payload))
		return -EINVAL;
	if (len > IPC4_MAILBOX_SIZE)
		return -EMSGSIZE;
	ipc4_put_le32(hdr, primary);
	ipc4_put_le32(hdr + 4, extension);
	ipc4_put_le32(hdr + 8, len);
	if (fwrite(hdr, 1, sizeof(hdr), f) != sizeof(hdr) ||
	    (len && fwrite(payload, 1, len, f) != len))
		return -EIO;
	return 0;
}

int ipc4_log_write_msg(FILE *f, const struct ipc4_msg *m)
{
	if (!m)
		return -EINVAL;
	return ipc4_log_write(f, m->primary, m->extension, m->payload, m->len);
}

void ipc4_log_reader_init(struct ipc4_log_reader *r, FILE *f)
{
	memset(r, 0, sizeof(*r));
	r->f = f;
}

static int fail(struct ipc4_log_reader *r, int err, const char *what, size_t got, size_t want)
{
	snprintf(r->error, sizeof(r->error),
		 "record %" PRIu32 " at byte %" PRIu64 ": %s (%zu of %zu bytes)", r->index,
		 r->offset, what, got, want);
	return err;
}

int ipc4_log_read(struct ipc4_log_reader *r, struct ipc4_frame *out)
{
	uint8_t hdr[IPC4_LOG_RECORD_HDR];
	size_t got;
	uint32_t len;

	r->error[0] = '\0';
	if (!r->f || !out)
		return -EINVAL;
	got = fread(hdr, 1, sizeof(hdr), r->f);
	if (got == 0 && feof(r->f))
		return 0;
	if (got != sizeof(hdr))
		return ferror(r->f) ? fail(r, -EIO, "read error in header", got, sizeof(hdr)) :
				      fail(r, -EBADMSG, "truncated record header", got, sizeof(hdr));
	len = ipc4_le32(hdr + 8);
	if (len > IPC4_MAILBOX_SIZE)
		return fail(r, -EMSGSIZE, "payload length above the 4096-byte mailbox", len,
			    IPC4_MAILBOX_SIZE);
	got = len ? fread(out->payload, 1, len, r->f) : 0;
	if (got != len)
		return ferror(r->f) ? fail(r, -EIO, "read error in payload", got, len) :
				      fail(r, -EBADMSG, "truncated payload", got, len);
	out->primary = ipc4_le32(hdr);
	out->extension = ipc4_le32(hdr + 4);
	out->len = len;
	r->offset += sizeof(hdr) + len;
	r->index++;
	return 1;
}

int ipc4_log_describe(const struct ipc4_frame *rec, char *buf, size_t cap)
{
	struct ipc4_reply_hdr h;
	const char *name;

	/* the reply layout names type, rsp and msg_tgt of any header */
	ipc4_reply_decode(rec->primary, rec->extension, &h, NULL);
	name = ipc4_msg_type_name(h.msg_tgt, h.type);
	if (h.rsp)
		return snprintf(buf, cap, "reply %s status=%" PRIu32 " %s extension=0x%08" PRIx32
				" len=%" PRIu32, name, h.status, ipc4_status_name(h.status),
				rec->extension, rec->len);
	return snprintf(buf, cap, "request %s primary=0x%08" PRIx32 " extension=0x%08" PRIx32
			" len=%" PRIu32, name, rec->primary, rec->extension, rec->len);
}
