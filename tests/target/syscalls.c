/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The few system calls newlib needs in the test image: output on stdout and
 * stderr goes to the semihosting console, the malloc arena is the RAM
 * between .bss and the stack (mps2-an385.ld), exit goes to the host.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include "semihost.h"

/* newlib's names; declared here because no header has them. */
int _write(int fd, const char *buf, int len);
int _read(int fd, char *buf, int len);
int _close(int fd);
int _lseek(int fd, int off, int whence);
int _fstat(int fd, struct stat *st);
int _isatty(int fd);
void *_sbrk(ptrdiff_t incr);
int _kill(int pid, int sig);
int _getpid(void);
_Noreturn void _exit(int status);

extern char __heap_start[], __heap_limit[];

int _write(int fd, const char *buf, int len)
{
	if (fd != 1 && fd != 2) {
		errno = EBADF;
		return -1;
	}
	char chunk[129];
	int done = 0;
	while (done < len) {
		int n = len - done < 128 ? len - done : 128;
		for (int i = 0; i < n; i++)
			chunk[i] = buf[done + i];
		chunk[n] = '\0';
		semihost_write0(chunk);
		done += n;
	}
	return len;
}

int _read(int fd, char *buf, int len)
{
	(void)fd;
	(void)buf;
	(void)len;
	return 0;
}

int _close(int fd)
{
	(void)fd;
	return -1;
}

int _lseek(int fd, int off, int whence)
{
	(void)fd;
	(void)off;
	(void)whence;
	return 0;
}

int _fstat(int fd, struct stat *st)
{
	(void)fd;
	st->st_mode = S_IFCHR;
	return 0;
}

int _isatty(int fd)
{
	return fd <= 2;
}

void *_sbrk(ptrdiff_t incr)
{
	static char *brk = __heap_start;
	if (incr > __heap_limit - brk || incr < __heap_start - brk) {
		errno = ENOMEM;
		return (void *)-1;
	}
	char *old = brk;
	brk += incr;
	return old;
}

int _kill(int pid, int sig)
{
	(void)pid;
	(void)sig;
	errno = EINVAL;
	return -1;
}

int _getpid(void)
{
	return 1;
}

_Noreturn void _exit(int status)
{
	semihost_exit(status);
}
