/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * IPC log files: write/read round trip byte for byte, the on-disk format,
 * and rejection of truncated and oversized records.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>

#include "ipc4_util.h"

static struct ipc4_frame rec;

static void test_round_trip(void **state)
{
	static uint8_t payload[IPC4_MAILBOX_SIZE];
	struct ipc4_log_reader rd;
	FILE *f = tmpfile();
	(void)state;

	assert_non_null(f);
	for (size_t i = 0; i < sizeof(payload); i++)
		payload[i] = (uint8_t)(i ^ 0x5A);
	/* lengths 0..64, then the mailbox size; requests and replies */
	for (uint32_t len = 0; len <= 64; len++) {
		assert_int_equal(ipc4_log_write(f, 0x11000000u + len, 0x20000000u ^ len, payload,
						len), 0);
		assert_int_equal(ipc4_log_write(f, ipc4_reply_primary(0x11000000u, len), len, NULL,
						0), 0);
	}
	assert_int_equal(ipc4_log_write(f, 0x44000006, 0x30000000, payload, IPC4_MAILBOX_SIZE), 0);
	rewind(f);
	ipc4_log_reader_init(&rd, f);
	for (uint32_t len = 0; len <= 64; len++) {
		assert_int_equal(ipc4_log_read(&rd, &rec), 1);
		assert_int_equal(rec.primary, 0x11000000u + len);
		assert_int_equal(rec.extension, 0x20000000u ^ len);
		assert_int_equal(rec.len, len);
		if (len)
			assert_memory_equal(rec.payload, payload, len);
		assert_int_equal(ipc4_log_read(&rd, &rec), 1);
		assert_int_equal(rec.primary, 0x31000000u + len);
		assert_int_equal(rec.len, 0);
	}
	assert_int_equal(ipc4_log_read(&rd, &rec), 1);
	assert_int_equal(rec.len, IPC4_MAILBOX_SIZE);
	assert_memory_equal(rec.payload, payload, IPC4_MAILBOX_SIZE);
	assert_int_equal(ipc4_log_read(&rd, &rec), 0);   /* clean end */
	assert_int_equal(ipc4_log_read(&rd, &rec), 0);
	assert_int_equal(rd.index, 2 * 65 + 1);
	fclose(f);
}

static void test_format_on_disk(void **state)
{
	const uint8_t pl[3] = { 0xAA, 0xBB, 0xCC };
	const uint8_t want[] = { 0x00, 0x00, 0x01, 0x11, 0x00, 0x00, 0x00, 0x20, 3, 0, 0, 0,
				 0xAA, 0xBB, 0xCC };
	uint8_t got[32];
	struct ipc4_msg m = { 0x11010000, 0x20000000, pl, 3 };
	FILE *f = tmpfile();
	(void)state;

	assert_int_equal(ipc4_log_write_msg(f, &m), 0);
	rewind(f);
	assert_int_equal(fread(got, 1, sizeof(got), f), sizeof(want));
	assert_memory_equal(got, want, sizeof(want));
	fclose(f);
}

static void test_writer_refusals(void **state)
{
	static uint8_t payload[IPC4_MAILBOX_SIZE + 1];
	FILE *f = tmpfile();
	(void)state;

	assert_int_equal(ipc4_log_write(f, 0, 0, payload, IPC4_MAILBOX_SIZE + 1), -EMSGSIZE);
	assert_int_equal(ipc4_log_write(f, 0, 0, NULL, 4), -EINVAL);
	assert_int_equal(ipc4_log_write(NULL, 0, 0, NULL, 0), -EINVAL);
	assert_int_equal(ipc4_log_write_msg(f, NULL), -EINVAL);
	assert_int_equal(ftell(f), 0);   /* nothing written */
	fclose(f);
}

/* A file holding one good record followed by @tail_len bytes of @tail. */
static FILE *log_with_tail(const uint8_t *tail, size_t tail_len)
{
	FILE *f = tmpfile();
	const uint8_t pl[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	assert_int_equal(ipc4_log_write(f, 0x45000004, 8, pl, 8), 0);
	assert_int_equal(fwrite(tail, 1, tail_len, f), tail_len);
	rewind(f);
	return f;
}

static void test_truncated_records(void **state)
{
	uint8_t tail[12 + 24];
	struct ipc4_log_reader rd;
	(void)state;

	ipc4_put_le32(tail, 0x44000006);
	ipc4_put_le32(tail + 4, 0x30000018);
	ipc4_put_le32(tail + 8, 24);
	memset(tail + 12, 0x33, 24);
	/* every cut inside the second record: header or payload */
	for (size_t cut = 1; cut < sizeof(tail); cut++) {
		FILE *f = log_with_tail(tail, cut);

		ipc4_log_reader_init(&rd, f);
		assert_int_equal(ipc4_log_read(&rd, &rec), 1);
		assert_int_equal(ipc4_log_read(&rd, &rec), -EBADMSG);
		assert_non_null(strstr(rd.error, "record 1 at byte 20"));
		assert_non_null(strstr(rd.error, cut < 12 ? "header" : "payload"));
		fclose(f);
	}
	/* the whole record reads */
	FILE *f = log_with_tail(tail, sizeof(tail));
	ipc4_log_reader_init(&rd, f);
	assert_int_equal(ipc4_log_read(&rd, &rec), 1);
	assert_int_equal(ipc4_log_read(&rd, &rec), 1);
	assert_int_equal(rec.len, 24);
	assert_int_equal(ipc4_log_read(&rd, &rec), 0);
	fclose(f);
}

static void test_oversized_records(void **state)
{
	uint8_t tail[12] = { 0 };
	struct ipc4_log_reader rd;
	const uint32_t lens[] = { IPC4_MAILBOX_SIZE + 1, 0x10000, 0xFFFFFFFFu };
	(void)state;

	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		FILE *f;

		ipc4_put_le32(tail + 8, lens[i]);
		f = log_with_tail(tail, sizeof(tail));
		ipc4_log_reader_init(&rd, f);
		assert_int_equal(ipc4_log_read(&rd, &rec), 1);
		assert_int_equal(ipc4_log_read(&rd, &rec), -EMSGSIZE);
		assert_non_null(strstr(rd.error, "4096"));
		fclose(f);
	}
}

static void test_describe(void **state)
{
	char line[160];
	struct ipc4_frame *fr = &rec;
	(void)state;

	fr->primary = 0x11010000;
	fr->extension = 0x20000000;
	fr->len = 28;
	ipc4_log_describe(fr, line, sizeof(line));
	assert_string_equal(line, "request CREATE_PIPELINE primary=0x11010000 extension=0x20000000 len=28");
	fr->primary = 0x60000068;
	fr->extension = 0x30010012;
	fr->len = 0;
	ipc4_log_describe(fr, line, sizeof(line));
	assert_string_equal(line, "reply INIT_INSTANCE status=104 IPC4_MOD_NOT_INITIALIZED "
				  "extension=0x30010012 len=0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_format_on_disk),
		cmocka_unit_test(test_writer_refusals),
		cmocka_unit_test(test_truncated_records),
		cmocka_unit_test(test_oversized_records),
		cmocka_unit_test(test_describe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
