/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Semihosting calls: on M-profile cores the operation number goes in r0,
 * its argument in r1, and "bkpt 0xAB" traps to the debugger - here QEMU.
 */
#include <stdint.h>

#include "semihost.h"

#define SYS_WRITE0 0x04u
#define SYS_EXIT 0x18u
#define SYS_EXIT_EXTENDED 0x20u
#define ADP_STOPPED_APPLICATION_EXIT 0x20026u

static uintptr_t semihost_call(uintptr_t op, uintptr_t arg)
{
	register uintptr_t r0 __asm__("r0") = op;
	register uintptr_t r1 __asm__("r1") = arg;
	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

void semihost_write0(const char *s)
{
	semihost_call(SYS_WRITE0, (uintptr_t)s);
}

_Noreturn void semihost_exit(int status)
{
	/* Parameter block: reason, then the exit status QEMU passes on. */
	static uintptr_t block[2];
	block[0] = ADP_STOPPED_APPLICATION_EXIT;
	block[1] = (uintptr_t)status;
	semihost_call(SYS_EXIT_EXTENDED, (uintptr_t)block);
	/* Without the extension: plain SYS_EXIT says only success or not. */
	semihost_call(SYS_EXIT, status == 0 ? ADP_STOPPED_APPLICATION_EXIT : 0x20023u);
	for (;;)
		;
}
