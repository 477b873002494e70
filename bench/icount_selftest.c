/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Checks the instruction counter against functions whose dynamic instruction
 * count is known exactly because they are written in assembly: 4 nops + ret
 * = 5, and a 10-iteration loop = mov + 10 x (dec, jnz) + ret = 22, through
 * a glue function so the "count from the target's entry" rule is exercised.
 * Exit 0 when every count is exact (or counting is unsupported: 77, skip).
 */
#include "icount.h"

#include <stdio.h>

#if defined(__x86_64__) && defined(__linux__)
void probe_five(void);
void probe_loop(void);
__asm__(".text\n"
	".globl probe_five\n.type probe_five,@function\n"
	"probe_five:\n\tnop\n\tnop\n\tnop\n\tnop\n\tret\n"
	".globl probe_loop\n.type probe_loop,@function\n"
	"probe_loop:\n\tmov $10, %ecx\n1:\tdec %ecx\n\tjnz 1b\n\tret\n");

static void (*volatile call_five)(void) = probe_five;
static void (*volatile call_loop)(void) = probe_loop;

static void body(void *arg)
{
	(void)arg;
	for (int i = 0; i < 3; i++) {
		icount_mark(IC_ALLOC);
		call_five();
		icount_mark(IC_FREE);
		call_loop();
	}
}

int main(void)
{
	const void *targets[IC_KINDS] = { (const void *)probe_five, NULL, (const void *)probe_loop };
	struct icount_result r;

	if (icount_run(body, NULL, targets, &r) != 0) {
		fprintf(stderr, "icount_run failed\n");
		return 1;
	}
	printf("five: n %llu max %llu sum %llu; loop: n %llu max %llu sum %llu\n",
	       (unsigned long long)r.n[IC_ALLOC], (unsigned long long)r.max[IC_ALLOC],
	       (unsigned long long)r.sum[IC_ALLOC], (unsigned long long)r.n[IC_FREE],
	       (unsigned long long)r.max[IC_FREE], (unsigned long long)r.sum[IC_FREE]);
	return r.n[IC_ALLOC] == 3 && r.max[IC_ALLOC] == 5 && r.sum[IC_ALLOC] == 15 &&
			       r.n[IC_FREE] == 3 && r.max[IC_FREE] == 22 && r.sum[IC_FREE] == 66
		       ? 0
		       : 1;
}
#else
int main(void)
{
	puts("instruction counting needs x86-64 Linux: skipped");
	return 77;
}
#endif
