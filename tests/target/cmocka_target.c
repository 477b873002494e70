/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The runner behind tests/target/cmocka.h: runs each test between its
 * fixtures, turns a failed assertion into a longjmp back here, prints
 * cmocka-style lines over semihosting and returns the number of failed
 * tests, which main() returns and the reset handler passes to QEMU's exit
 * status - so a failed assertion fails the ctest test.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cmocka.h"
#include "semihost.h"

enum outcome { PASSED = 0, FAILED = 1, SKIPPED = 2 };

/* Where a failing assertion jumps to; NULL outside a test or fixture. */
static jmp_buf *active;

static void vprint(const char *format, va_list ap)
{
	char buf[512];
	vsnprintf(buf, sizeof(buf), format, ap);
	semihost_write0(buf);
}

void print_message(const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	vprint(format, ap);
	va_end(ap);
}

void print_error(const char *format, ...)
{
	va_list ap;
	va_start(ap, format);
	vprint(format, ap);
	va_end(ap);
}

static _Noreturn void leave(enum outcome how)
{
	if (!active) {
		print_error("[  ERROR   ] assertion outside a test\n");
		semihost_exit(2);
	}
	longjmp(*active, (int)how);
}

_Noreturn void _fail(const char *file, int line)
{
	print_error("[   LINE   ] --- %s:%d: Failure!\n", file, line);
	leave(FAILED);
}

_Noreturn void _skip(const char *file, int line)
{
	print_error("[   LINE   ] --- %s:%d: Skipped!\n", file, line);
	leave(SKIPPED);
}

void _assert_true(LargestIntegralType result, const char *expression, const char *file,
		  int line)
{
	if (!result) {
		print_error("%s\n", expression);
		_fail(file, line);
	}
}

void _assert_return_code(LargestIntegralType result, size_t rlen, LargestIntegralType error,
			 const char *expression, const char *file, int line)
{
	/* Negative in the width of the original expression. */
	LargestIntegralType sign = (LargestIntegralType)1 << (rlen * 8u - 1u);
	if (result & sign) {
		print_error("%s < 0, errno(%lld)\n", expression, (long long)error);
		_fail(file, line);
	}
}

void _assert_int_equal(LargestIntegralType a, LargestIntegralType b, const char *file,
		       int line)
{
	if (a != b) {
		print_error("%lld (%#llx) != %lld (%#llx)\n", (long long)a, a, (long long)b, b);
		_fail(file, line);
	}
}

void _assert_int_not_equal(LargestIntegralType a, LargestIntegralType b, const char *file,
			   int line)
{
	if (a == b) {
		print_error("%lld (%#llx) == %lld (%#llx)\n", (long long)a, a, (long long)b, b);
		_fail(file, line);
	}
}

void _assert_in_range(LargestIntegralType value, LargestIntegralType minimum,
		      LargestIntegralType maximum, const char *file, int line)
{
	if (value < minimum || value > maximum) {
		print_error("%llu is not within the range %llu-%llu\n", value, minimum, maximum);
		_fail(file, line);
	}
}

void _assert_not_in_range(LargestIntegralType value, LargestIntegralType minimum,
			  LargestIntegralType maximum, const char *file, int line)
{
	if (value >= minimum && value <= maximum) {
		print_error("%llu is within the range %llu-%llu\n", value, minimum, maximum);
		_fail(file, line);
	}
}

void _assert_memory_equal(const void *a, const void *b, size_t size, const char *file,
			  int line)
{
	const unsigned char *x = a, *y = b;
	for (size_t i = 0; i < size; i++) {
		if (x[i] != y[i]) {
			print_error("difference at offset %zu: 0x%02x != 0x%02x\n", i, x[i], y[i]);
			_fail(file, line);
		}
	}
}

void _assert_memory_not_equal(const void *a, const void *b, size_t size, const char *file,
			      int line)
{
	if (memcmp(a, b, size) == 0) {
		print_error("%zu bytes of %p and %p are the same\n", size, a, b);
		_fail(file, line);
	}
}

void _assert_string_equal(const char *a, const char *b, const char *file, int line)
{
	if (strcmp(a, b) != 0) {
		print_error("\"%s\" != \"%s\"\n", a, b);
		_fail(file, line);
	}
}

void _assert_string_not_equal(const char *a, const char *b, const char *file, int line)
{
	if (strcmp(a, b) == 0) {
		print_error("\"%s\" == \"%s\"\n", a, b);
		_fail(file, line);
	}
}

/* Run a fixture; a non-zero return or a failed assertion in it both fail. */
static enum outcome run_fixture(CMFixtureFunction fn, void **state)
{
	jmp_buf here;
	volatile enum outcome how = PASSED;
	active = &here;
	int jumped = setjmp(here);
	if (jumped == 0)
		how = fn(state) == 0 ? PASSED : FAILED;
	else
		how = (enum outcome)jumped;
	active = NULL;
	return how;
}

static enum outcome run_test(CMUnitTestFunction fn, void **state)
{
	jmp_buf here;
	volatile enum outcome how = PASSED;
	active = &here;
	int jumped = setjmp(here);
	if (jumped == 0)
		fn(state);
	else
		how = (enum outcome)jumped;
	active = NULL;
	return how;
}

static enum outcome run_one(const struct CMUnitTest *t, void *group_state)
{
	void *state = t->initial_state ? t->initial_state : group_state;
	if (t->setup_func && run_fixture(t->setup_func, &state) != PASSED) {
		print_error("[  ERROR   ] %s: Test setup failed\n", t->name);
		return FAILED;
	}
	enum outcome how = run_test(t->test_func, &state);
	/* The teardown runs whatever the test did, to free what setup took. */
	if (t->teardown_func && run_fixture(t->teardown_func, &state) != PASSED) {
		print_error("[  ERROR   ] %s: Test teardown failed\n", t->name);
		how = FAILED;
	}
	return how;
}

int _cmocka_run_group_tests(const char *group_name, const struct CMUnitTest *tests,
			    size_t count, CMFixtureFunction group_setup,
			    CMFixtureFunction group_teardown)
{
	void *group_state = NULL;
	size_t failed = 0, skipped = 0, run = 0;

	print_message("[==========] %s: Running %zu test(s).\n", group_name, count);
	if (group_setup && run_fixture(group_setup, &group_state) != PASSED) {
		print_error("[  ERROR   ] %s: Group setup failed\n", group_name);
		return (int)count;
	}
	for (size_t i = 0; i < count; i++) {
		print_message("[ RUN      ] %s\n", tests[i].name);
		enum outcome how = run_one(&tests[i], group_state);
		run++;
		if (how == PASSED) {
			print_message("[       OK ] %s\n", tests[i].name);
		} else if (how == SKIPPED) {
			print_message("[  SKIPPED ] %s\n", tests[i].name);
			skipped++;
		} else {
			print_message("[  FAILED  ] %s\n", tests[i].name);
			failed++;
		}
	}
	if (group_teardown && run_fixture(group_teardown, &group_state) != PASSED) {
		print_error("[  ERROR   ] %s: Group teardown failed\n", group_name);
		failed++;
	}
	print_message("[==========] %s: %zu test(s) run.\n", group_name, run);
	print_message("[  PASSED  ] %zu test(s).\n", run - failed - skipped);
	if (skipped)
		print_message("[  SKIPPED ] %zu test(s).\n", skipped);
	if (failed)
		print_message("[  FAILED  ] %s: %zu test(s).\n", group_name, failed);
	return (int)failed;
}
