/* SPDX-License-Identifier: BSD-3-Clause */
/* Instruction counting by single-stepping; see icount.h. */
#include "icount.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>
#include <sys/wait.h>

#if defined(__x86_64__) && defined(__linux__)
#include <dlfcn.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/user.h>

/* Steps allowed from the mark to the heap function's entry (adapter glue). */
#define ICOUNT_MAX_GLUE 256u
/* Steps after which one operation is declared runaway. */
#define ICOUNT_MAX_OP 50000000u

/* Written by the child before its int3; the parent reads it with PEEKDATA. */
static volatile long icount_pending_kind;

/*
 * Optional diagnosis: with VRBENCH_ICOUNT_DUMP=<file> set, the instruction
 * addresses of the worst operation of each kind are written there as
 * "<object> <offset>" lines (feed them to addr2line -f -e <object>).
 */
#define ICOUNT_DUMP_MAX 100000u
static unsigned long long *dump_cur, *dump_worst[IC_KINDS];
static size_t dump_n, dump_worst_n[IC_KINDS];

bool icount_supported(void)
{
	return true;
}

__attribute__((noinline)) void icount_mark(enum icount_kind kind)
{
	icount_pending_kind = (long)kind;
	__asm__ volatile("int3" ::: "memory");
}

static int step(pid_t pid, struct user_regs_struct *regs)
{
	int st;

	if (ptrace(PTRACE_SINGLESTEP, pid, NULL, NULL) != 0)
		return -1;
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st) || WSTOPSIG(st) != SIGTRAP)
		return -1;
	return ptrace(PTRACE_GETREGS, pid, NULL, regs) == 0 ? 0 : -1;
}

/* Count one operation: glue steps to the target's entry, then the target to its return. */
static int count_one(pid_t pid, const void *target, uint64_t *count)
{
	struct user_regs_struct regs;
	unsigned long long entry_sp;
	unsigned int glue = 0;
	uint64_t n = 0;

	do {
		if (step(pid, &regs) != 0 || ++glue > ICOUNT_MAX_GLUE)
			return -1;
	} while (regs.rip != (unsigned long long)(uintptr_t)target);
	entry_sp = regs.rsp; /* points at the return address */
	dump_n = 0;
	do {
		if (dump_cur && dump_n < ICOUNT_DUMP_MAX)
			dump_cur[dump_n++] = regs.rip;
		if (step(pid, &regs) != 0 || ++n > ICOUNT_MAX_OP)
			return -1;
	} while (regs.rsp <= entry_sp);
	*count = n;
	return 0;
}

static int trace_loop(pid_t pid, const void *const targets[IC_KINDS], struct icount_result *out)
{
	for (;;) {
		int st;
		long kind;
		uint64_t n;

		if (ptrace(PTRACE_CONT, pid, NULL, NULL) != 0 || waitpid(pid, &st, 0) != pid)
			return -1;
		if (WIFEXITED(st))
			return WEXITSTATUS(st) == 0 ? 0 : -1;
		if (!WIFSTOPPED(st) || WSTOPSIG(st) != SIGTRAP) {
			fprintf(stderr, "icount: child stopped by signal %d\n",
				WIFSTOPPED(st) ? WSTOPSIG(st) : WTERMSIG(st));
			return -1;
		}
		errno = 0;
		kind = ptrace(PTRACE_PEEKDATA, pid, (void *)&icount_pending_kind, NULL);
		if (errno || kind < 0 || kind >= IC_KINDS)
			return -1;
		if (count_one(pid, targets[kind], &n) != 0) {
			fprintf(stderr, "icount: lost track of an operation of kind %ld\n", kind);
			return -1;
		}
		out->n[kind]++;
		out->sum[kind] += n;
		if (n > out->max[kind]) {
			out->max[kind] = n;
			if (dump_cur && dump_worst[kind]) {
				memcpy(dump_worst[kind], dump_cur, dump_n * sizeof(*dump_cur));
				dump_worst_n[kind] = dump_n;
			}
		}
	}
}

static void dump_open(void)
{
	if (!getenv("VRBENCH_ICOUNT_DUMP"))
		return;
	dump_cur = calloc(ICOUNT_DUMP_MAX, sizeof(*dump_cur));
	for (int k = 0; k < IC_KINDS; k++) {
		dump_worst[k] = calloc(ICOUNT_DUMP_MAX, sizeof(*dump_cur));
		dump_worst_n[k] = 0;
	}
}

/* The child is a fork of this process: the same addresses name the same code here. */
static void dump_close(const struct icount_result *out)
{
	const char *path = getenv("VRBENCH_ICOUNT_DUMP");
	FILE *f = path && dump_cur ? fopen(path, "a") : NULL;

	for (int k = 0; f && k < IC_KINDS; k++) {
		fprintf(f, "# kind %d max %llu\n", k, (unsigned long long)out->max[k]);
		for (size_t i = 0; i < dump_worst_n[k]; i++) {
			Dl_info di;
			unsigned long long a = dump_worst[k][i];

			if (dladdr((void *)(uintptr_t)a, &di) && di.dli_fname)
				fprintf(f, "%s 0x%llx\n", di.dli_fname,
					a - (unsigned long long)(uintptr_t)di.dli_fbase);
			else
				fprintf(f, "? 0x%llx\n", a);
		}
	}
	if (f)
		fclose(f);
	for (int k = 0; k < IC_KINDS; k++) {
		free(dump_worst[k]);
		dump_worst[k] = NULL;
	}
	free(dump_cur);
	dump_cur = NULL;
}

int icount_run(void (*body)(void *), void *arg, const void *const targets[IC_KINDS],
	       struct icount_result *out)
{
	pid_t pid;
	int st, rc;

	memset(out, 0, sizeof(*out));
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) != 0)
			_exit(3);
		raise(SIGSTOP);
		body(arg);
		_exit(0); /* no atexit handlers or leak checks in the child */
	}
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st)) {
		fprintf(stderr, "icount: ptrace is not permitted here\n");
		return -1;
	}
	dump_open();
	rc = trace_loop(pid, targets, out);
	dump_close(out);
	if (rc != 0) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	return rc;
}

#else

bool icount_supported(void)
{
	return false;
}

void icount_mark(enum icount_kind kind)
{
	(void)kind;
}

int icount_run(void (*body)(void *), void *arg, const void *const targets[IC_KINDS],
	       struct icount_result *out)
{
	(void)body;
	(void)arg;
	(void)targets;
	memset(out, 0, sizeof(*out));
	fprintf(stderr, "icount: instruction counting needs x86-64 Linux\n");
	return -1;
}

#endif
