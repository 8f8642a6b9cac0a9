// SPDX-License-Identifier: GPL-2.0
/*
 * insn-profile: a QEMU TCG plugin that counts the guest instructions
 * executed at each translation block start address, only while a window
 * is open.  The window opens each time the block at start=ADDR runs and
 * closes at stop=ADDR (addresses of two functions in the L1's user
 * program, scripts/profile/breakdown.sh), so what is counted is exactly
 * what the L1 and L2 run between them, kernel and user, whatever the
 * rest of the boot does.  At exit it writes "pc insns executions" lines,
 * and the window count, to out=FILE.  Needs single-threaded TCG
 * (-accel tcg,thread=single): the counters are not atomic.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

#define TABLE_BITS	20
#define TABLE_SIZE	(1u << TABLE_BITS)

struct block {
	uint64_t pc;
	uint64_t insns;		/* 0: free slot */
	uint64_t count;
};

static struct block *table;
static uint64_t start_pc, stop_pc, windows;
static int on;
static const char *out_path = "insn-profile.txt";

static struct block *lookup(uint64_t pc, uint64_t insns)
{
	uint64_t h = (pc * 0x9e3779b97f4a7c15ull + insns) >> (64 - TABLE_BITS);
	unsigned int i;

	for (i = 0; i < TABLE_SIZE; i++) {
		struct block *b = &table[(h + i) & (TABLE_SIZE - 1)];

		if (!b->insns) {
			b->pc = pc;
			b->insns = insns;
			return b;
		}
		if (b->pc == pc && b->insns == insns)
			return b;
	}
	return NULL;
}

static void exec_block(unsigned int vcpu, void *udata)
{
	struct block *b = udata;

	if (b->pc - start_pc < 16) {	/* a global or local entry */
		on = 1;
		windows++;
	} else if (b->pc - stop_pc < 16) {
		on = 0;
	}
	if (on)
		b->count++;
}

static void translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	struct block *b = lookup(qemu_plugin_tb_vaddr(tb),
				 qemu_plugin_tb_n_insns(tb));

	if (b)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, exec_block,
						     QEMU_PLUGIN_CB_NO_REGS, b);
}

static void finish(qemu_plugin_id_t id, void *udata)
{
	FILE *f = fopen(out_path, "w");
	unsigned int i;

	if (!f)
		return;
	fprintf(f, "windows %" PRIu64 "\n", windows);
	for (i = 0; i < TABLE_SIZE; i++)
		if (table[i].count)
			fprintf(f, "%" PRIx64 " %" PRIu64 " %" PRIu64 "\n",
				table[i].pc, table[i].insns, table[i].count);
	fclose(f);
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id,
					   const qemu_info_t *info,
					   int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		if (!strncmp(argv[i], "start=", 6))
			start_pc = strtoull(argv[i] + 6, NULL, 16);
		else if (!strncmp(argv[i], "stop=", 5))
			stop_pc = strtoull(argv[i] + 5, NULL, 16);
		else if (!strncmp(argv[i], "out=", 4))
			out_path = argv[i] + 4;
		else
			return -1;
	}
	if (!start_pc || !stop_pc)
		return -1;
	table = calloc(TABLE_SIZE, sizeof(*table));
	if (!table)
		return -1;
	qemu_plugin_register_vcpu_tb_trans_cb(id, translate);
	qemu_plugin_register_atexit_cb(id, finish, NULL);
	return 0;
}
