/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cost of the codec per message, for docs/ipc4.md. Usage:
 *   ipc4_icount MSG OP N   MSG 0 create (MEM_DATA), 1 init (SRC, DP_DATA),
 *                          2 bind, 3 set state; OP 0 decode, 1 encode,
 *                          2 SRC config decode; N repetitions.
 * Run it under valgrind --tool=callgrind with N = 0 and N = 1000: the
 * difference / 1000 is the instructions of one operation.
 */
#include <stdint.h>
#include <stdlib.h>

#include <vregion/ipc4/ipc4.h>

static const uint8_t create_payload[28] = {
	0x07, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
};

static const uint8_t init_payload[72] = {
	0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, 0x00, 0x03, 0x00,
	0, 0, 0, 0, 0x00, 0x10, 0x00, 0x00, 0x00, 0x50, 0x00, 0x00,
	0, 0, 0, 0, 0x68, 0x01, 0, 0, 0x80, 0x01, 0, 0, 0, 0, 0, 0,
	0x44, 0xac, 0, 0, 0x20, 0, 0, 0, 0x10, 0xff, 0xff, 0xff, 0x01, 0, 0, 0,
	0, 0, 0, 0, 0x02, 0x20, 0x01, 0x00, 0x80, 0xbb, 0x00, 0x00,
};

static struct ipc4_request r;
static struct ipc4_frame f;

int main(int argc, char **argv)
{
	const struct ipc4_msg msgs[4] = {
		{ 0x11010000, 0x20000000, create_payload, 28 },
		{ 0x40000008, 0x30010012, init_payload, 72 },
		{ 0x45000004, 0x00000008, NULL, 0 },
		{ 0x13010004, 0, NULL, 0 },
	};
	struct ipc4_src_cfg s;
	volatile uint32_t sink;
	int k, op, n;

	if (argc != 4)
		return 2;
	k = atoi(argv[1]) & 3;
	op = atoi(argv[2]);
	n = atoi(argv[3]);
	sink = ipc4_decode(&msgs[k], &r);
	for (int i = 0; i < n; i++) {
		if (op == 0)
			sink += ipc4_decode(&msgs[k], &r);
		else if (op == 1)
			sink += (uint32_t)ipc4_encode(&r, &f);
		else
			sink += ipc4_src_cfg_decode(r.u.init_instance.config, 44, &s);
	}
	return (int)(sink & 0u);
}
