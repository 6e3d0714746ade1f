# Random SQLite databases written by the real SQLite, for the differential tests of
# src/core/scan/sqliteReader.ts (test/unit/helpers/sqliteCorpus.ts runs one process per batch).
#
# stdin: {"dir": DIR, "seed": N, "from": I, "count": N}. For each case i it writes DIR/<i>.db (and
# DIR/<i>.db-wal when the case leaves one) as the files look to a reader while the writer is still open,
# then lets SQLite itself read a throw-away copy of them and writes what it read to DIR/<i>.json. One JSON
# line per case on stdout says what the case covers (page size, auto-vacuum, WAL frames, freelist, ...).
#
# Cases vary: page size 512..65536, reserved bytes at the end of each page, auto-vacuum none/full/
# incremental, rollback journal or WAL, 1-4 tables with random column names (quoted every way SQLite
# allows), types, defaults and constraints (rowid aliases, AUTOINCREMENT, WITHOUT ROWID, composite keys),
# values of every storage class with sizes around the overflow thresholds and over several pages,
# updates, deletes, dropped tables (freelist pages), ALTER TABLE ADD/RENAME COLUMN, VACUUM and
# incremental vacuum; in WAL mode several commits, a checkpoint in the middle (passive, full, restart or
# truncate, after which new frames overwrite old ones), an open transaction whose pages spilled into the
# WAL uncommitted, and a WAL cut at a random byte (a torn write).
import ctypes, ctypes.util, hashlib, json, os, random, re, shutil, sqlite3, struct, sys

PAGE_SIZES = [512, 1024, 2048, 4096, 8192, 16384, 32768, 65536]
PLAIN = ['a', 'b', 'c', 'value', 'data', 'created_at', 'uniq', 'check_in', 'primary_key', 'k2', 'Mixed_Case', 'n']
ODD = ['x y', 'we"ird', 'Ünï', 'sel,ect', 'paren(s)', 'tab\tcol', "it's", 'a-b', '123', 'emoji😀', 'key]', 'back`tick']
TYPES = ['INTEGER', 'INT', 'TEXT', 'BLOB', 'REAL', 'NUMERIC', '', 'VARCHAR(255)', 'DECIMAL(10, 2)', 'BOOLEAN', 'JSON', 'integer', 'double precision']
TEXT_CHARS = 'abcdefghijklmnopqrstuvwxyz ABC,;"\'()[]{}\\\n\t0123456789' + 'éüß中文字😀𝄞\u2028'


def quote(rng, name):
    """The name as a CREATE TABLE would spell it: bare, "double", [bracket] or `backtick` quoted."""
    forms = ['"' + name.replace('"', '""') + '"']
    if re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', name):
        forms += [name, name]
    if ']' not in name:
        forms.append('[' + name + ']')
    if '`' not in name:
        forms.append('`' + name + '`')
    return rng.choice(forms)


def sql_q(name):
    return '"' + name.replace('"', '""') + '"'


def literal(rng):
    return rng.choice(["7", "-2.5", "'x, y)'", "NULL", "'it''s'", "X'00ff'", "1e3", "''", "TRUE"])


def make_table(rng, tname):
    """A CREATE TABLE statement and, per column, (name, notnull, alias)."""
    names = rng.sample(PLAIN, rng.randint(1, 4)) + rng.sample(ODD, rng.randint(0, 3))
    rng.shuffle(names)
    names = names[: rng.randint(1, 8)]
    cols, defs, constraints = [], [], []
    without_rowid = rng.random() < 0.06
    key = rng.random()
    has_key = without_rowid or key < 0.45
    if without_rowid:
        defs.append('id TEXT PRIMARY KEY')
        cols.append(('id', True, False))
    elif key < 0.45:
        form = rng.choice(['id INTEGER PRIMARY KEY', '"id" integer primary key', 'id INTEGER PRIMARY KEY AUTOINCREMENT',
                           'id INTEGER PRIMARY KEY ASC', 'id INTEGER', 'id INTEGER PRIMARY KEY DESC', 'id INT PRIMARY KEY'])
        if form == 'id INTEGER':
            constraints.append('PRIMARY KEY (id)')
        defs.append(form)
        alias = form != 'id INTEGER PRIMARY KEY DESC' and form != 'id INT PRIMARY KEY'
        cols.append(('id', False, alias))
    for name in names:
        notnull = rng.random() < 0.15
        parts = [quote(rng, name), rng.choice(TYPES)]
        if notnull:
            parts.append('NOT NULL')
        r = rng.random()
        if r < 0.2:
            parts.append('DEFAULT ' + literal(rng))
        elif r < 0.3:
            parts.append('COLLATE NOCASE')
        elif r < 0.4:
            parts.append('CHECK (length(' + sql_q(name) + ') >= 0 OR ' + sql_q(name) + ' IS NULL)')
        defs.append(' '.join(p for p in parts if p))
        cols.append((name, notnull, False))
    r = rng.random()
    if r < 0.1:
        constraints.append('UNIQUE (' + sql_q(cols[-1][0]) + ')')
    elif r < 0.2:
        constraints.append('CONSTRAINT ck CHECK (1 = 1)')
    elif r < 0.25 and len(cols) >= 2 and not has_key:
        constraints.append('PRIMARY KEY (' + sql_q(cols[0][0]) + ', ' + sql_q(cols[1][0]) + ')')
    elif r < 0.3:
        constraints.append('FOREIGN KEY (' + sql_q(cols[-1][0]) + ') REFERENCES other(x)')
    # Separators, some with comments (SQLite keeps them in the schema as written).
    sep = rng.choice([', ', ',', ' ,\n  ', ", -- the row's {id}, (see below\n  ", ' /* a, (b) */ ,'])
    sql = 'CREATE TABLE ' + quote(rng, tname) + ' (' + sep.join(defs + constraints) + ')'
    if without_rowid:
        sql += ' WITHOUT ROWID'
    return sql, cols, without_rowid


class Sizes:
    """Value sizes for one page size: small, around the local-payload limits, and over several pages."""

    def __init__(self, rng, page_size, reserve):
        self.rng = rng
        u = page_size - reserve
        x = u - 35
        m = (u - 12) * 32 // 255 - 23
        self.edges = [x, x + 1, m, m + 1, x + (u - 4), m + (u - 4), m + (x - m), m + (x - m) + 1, 2 * u]
        self.u = u

    def pick(self):
        rng = self.rng
        r = rng.random()
        if r < 0.45:
            return rng.randint(0, 40)
        if r < 0.65:
            return rng.randint(0, self.u // 2)
        if r < 0.85:
            return max(0, rng.choice(self.edges) + rng.randint(-6, 3))
        return rng.randint(self.u, self.u * 3 + 100)


def text_of(rng, nbytes):
    """About `nbytes` of UTF-8: mostly ASCII, with 2-, 3- and 4-byte characters."""
    s = ''.join(rng.choices(TEXT_CHARS, k=nbytes))
    return s[: max(0, nbytes - (len(s.encode('utf-8')) - len(s)))]


INTS = [0, 1, -1, 127, -128, 128, 32767, -32768, 8388607, -8388608, 2**31 - 1, -2**31, 2**47, -2**47 - 1, 2**53 + 1, 2**63 - 1, -2**63]
FLOATS = [0.5, -0.0, 3.0, 1e308, -1e-308, 5e-324, float('inf'), float('-inf'), 1 / 3, 123456789.125]


def value(rng, sizes, notnull):
    r = rng.random()
    if r < 0.1 and not notnull:
        return None
    if r < 0.3:
        return rng.choice(INTS) if rng.random() < 0.5 else rng.randint(-10**6, 10**6)
    if r < 0.42:
        return rng.choice(FLOATS) if rng.random() < 0.5 else rng.uniform(-1e6, 1e6)
    if r < 0.75:
        return text_of(rng, sizes.pick())
    return rng.randbytes(sizes.pick())


class Case:
    def __init__(self, rng, work):
        self.rng, self.work = rng, work
        self.page_size = rng.choice(PAGE_SIZES + [512, 1024])
        self.reserve = rng.choice([0] * 6 + [8, 24, 33])
        if self.page_size - self.reserve < 480:  # SQLite's smallest usable page
            self.reserve = 32
        self.auto_vacuum = rng.choice([0, 0, 1, 2])
        self.wal = rng.random() < 0.6
        self.sizes = Sizes(rng, self.page_size, self.reserve)
        self.tables = {}
        # Small pages get more of them (b-trees of three and four levels), large ones a few (the files stay small).
        pages = rng.randint(20, 400) if self.page_size <= 1024 else rng.randint(4, 60)
        self.budget = min(pages * self.page_size, rng.choice([20_000, 60_000, 200_000]))
        self.written = 0
        self.notes = []

    def create(self):
        # The page size, reserved bytes and auto-vacuum are fixed when the first page is written.
        lib = ctypes.CDLL(ctypes.util.find_library('sqlite3'))
        db = ctypes.c_void_p()
        lib.sqlite3_open(self.work.encode(), ctypes.byref(db))
        lib.sqlite3_exec(db, f'PRAGMA page_size={self.page_size}; PRAGMA auto_vacuum={self.auto_vacuum}'.encode(), None, None, None)
        if self.reserve:
            lib.sqlite3_file_control(db, b'main', 38, ctypes.byref(ctypes.c_int(self.reserve)))  # SQLITE_FCNTL_RESERVE_BYTES
        lib.sqlite3_exec(db, b'CREATE TABLE first_page(x); DROP TABLE first_page', None, None, None)
        lib.sqlite3_close(db)
        self.c = sqlite3.connect(self.work, isolation_level=None)
        # Which rows a DELETE or UPDATE hits, from the case's own generator (SQL's random() is not seeded).
        self.c.create_function('pick', 1, lambda p: self.rng.random() < p)
        self.c.execute('PRAGMA synchronous=OFF')
        if self.wal:
            self.c.execute('PRAGMA journal_mode=WAL')
            self.c.execute('PRAGMA wal_autocheckpoint=0')
        for t in range(self.rng.randint(1, 4)):
            self.add_table(f't{t}')

    def add_table(self, tname):
        if self.rng.random() < 0.3:
            tname = tname + self.rng.choice([' spaced', '"q', 'Ü', ' (p)'])
        sql, cols, wr = make_table(self.rng, tname)
        self.c.execute(sql)
        self.tables[tname] = cols
        if self.rng.random() < 0.3:
            col = self.rng.choice(cols)[0]
            self.c.execute(f'CREATE INDEX {sql_q("ix_" + tname + "_" + col)} ON {sql_q(tname)} ({sql_q(col)})')

    def row(self, cols):
        out = []
        for name, notnull, alias in cols:
            if alias:
                out.append(None if self.rng.random() < 0.8 else self.rng.randint(-5, 10**6))
            elif name == 'id' and notnull:
                out.append('k%d' % self.rng.randint(0, 10**9))
            else:
                out.append(value(self.rng, self.sizes, notnull))
        return out

    def insert(self, n):
        for _ in range(n):
            tname = self.rng.choice(list(self.tables))
            cols = self.tables[tname]
            vals = self.row(cols)
            ph = ', '.join('?' * len(cols))
            names = ', '.join(sql_q(c[0]) for c in cols)
            self.c.execute(f'INSERT OR REPLACE INTO {sql_q(tname)} ({names}) VALUES ({ph})', vals)
            self.written += sum(len(v) if isinstance(v, (str, bytes)) else 8 for v in vals)

    def insert_small(self, tname, n):
        cols = self.tables[tname]
        names = ', '.join(sql_q(c[0]) for c in cols)
        ph = ', '.join('?' * len(cols))
        for _ in range(n):
            vals = [None if alias else ('k%d' % self.rng.randint(0, 10**9) if notnull and name == 'id' else self.rng.choice([self.rng.randint(-999, 999), text_of(self.rng, 4), None if not notnull else 0]))
                    for name, notnull, alias in cols]
            self.c.execute(f'INSERT OR REPLACE INTO {sql_q(tname)} ({names}) VALUES ({ph})', vals)

    def mutate(self):
        rng, c = self.rng, self.c
        tname = rng.choice(list(self.tables))
        t = sql_q(tname)
        r = rng.random()
        if r < 0.3:
            c.execute(f'DELETE FROM {t} WHERE pick(0.35)')
            self.notes.append('delete')
        elif r < 0.5:
            cols = [x for x in self.tables[tname] if not x[2] and x[0] != 'id']
            if cols:
                col = rng.choice(cols)
                v = value(rng, self.sizes, True)
                n = c.execute(f'SELECT count(*) FROM {t}').fetchone()[0]
                c.execute(f'UPDATE OR REPLACE {t} SET {sql_q(col[0])} = ? WHERE pick(?)', (v, min(0.5, 3 / max(1, n))))
                self.notes.append('update')
        elif r < 0.6 and len(self.tables) > 1:
            c.execute(f'DROP TABLE {t}')
            del self.tables[tname]
            self.notes.append('drop')
        elif r < 0.72:
            name = rng.choice(['added', 'added two', 'plus"q'])
            if all(x[0] != name for x in self.tables[tname]):
                extra = rng.choice(['', 'COLLATE NOCASE', f"CHECK ({sql_q(name)} IS NOT 'a, b''s (c)')"])
                c.execute(f'ALTER TABLE {t} ADD COLUMN {quote(rng, name)} {rng.choice(TYPES)} {extra} DEFAULT {literal(rng)}')
                self.tables[tname] = self.tables[tname] + [(name, False, False)]
                self.notes.append('add-column')
        elif r < 0.8:
            cols = self.tables[tname]
            i = rng.randrange(len(cols))
            new = cols[i][0] + '_r'
            if all(x[0] != new for x in cols) and cols[i][0] != 'id':
                c.execute(f'ALTER TABLE {t} RENAME COLUMN {sql_q(cols[i][0])} TO {quote(rng, new)}')
                cols[i] = (new,) + cols[i][1:]
                self.notes.append('rename-column')
        elif r < 0.85:
            c.execute('VACUUM')
            self.notes.append('vacuum')
        elif r < 0.92 and self.auto_vacuum == 2:
            c.execute(f'PRAGMA incremental_vacuum({rng.randint(1, 5)})')
            self.notes.append('incremental-vacuum')
        else:
            self.add_table(f't{len(self.notes) + 4}')
            self.notes.append('add-table')

    def fill(self):
        commits = self.rng.randint(1, 6)
        checkpoint_at = self.rng.randrange(commits) if self.wal and self.rng.random() < 0.5 else -1
        # Some cases are many small rows instead (deep b-trees on small pages).
        many = self.rng.randint(4000, 8000) * (self.page_size // 512) if self.page_size <= 1024 and self.rng.random() < 0.5 else 0
        many_table = self.rng.choice(list(self.tables))
        for k in range(commits):
            self.c.execute('BEGIN')
            self.insert(self.rng.randint(1, 10))
            if many and many_table in self.tables:
                self.insert_small(many_table, many // commits)
            while self.written < self.budget * (k + 1) / commits:
                self.insert(1)
            self.c.execute('COMMIT')
            if self.rng.random() < 0.5:
                self.mutate()
            if k == checkpoint_at:
                mode = self.rng.choice(['PASSIVE', 'FULL', 'RESTART', 'TRUNCATE'])
                self.c.execute(f'PRAGMA wal_checkpoint({mode})')
                self.notes.append('checkpoint-' + mode.lower())

    def snapshot(self, db_out):
        """Copies the files as a reader finds them; in WAL mode maybe inside an open, spilled transaction."""
        open_txn = self.wal and self.rng.random() < 0.3
        if open_txn:
            self.c.execute('PRAGMA cache_size=4')
            self.c.execute('BEGIN')
            for tname in list(self.tables)[:1]:
                cols = self.tables[tname]
                names = ', '.join(sql_q(x[0]) for x in cols)
                for _ in range(self.rng.randint(3, 12)):
                    vals = [None if x[2] else ('k%d' % self.rng.random() if x[0] == 'id' and x[1] else self.rng.randbytes(self.page_size)) for x in cols]
                    self.c.execute(f'INSERT OR REPLACE INTO {sql_q(tname)} ({names}) VALUES ({", ".join("?" * len(cols))})', vals)
            self.notes.append('open-transaction')
        shutil.copyfile(self.work, db_out)
        wal = self.work + '-wal'
        wal_out = None
        if self.wal and os.path.exists(wal):
            wal_out = db_out + '-wal'
            shutil.copyfile(wal, wal_out)
            size = os.path.getsize(wal_out)
            if size > 32 and self.rng.random() < 0.12:
                cut = self.rng.randrange(32, size)
                with open(wal_out, 'r+b') as f:
                    f.truncate(cut)
                self.notes.append('torn-wal')
        if open_txn:
            self.c.execute('ROLLBACK')
        self.c.close()
        for suffix in ('', '-wal', '-shm', '-journal'):
            if os.path.exists(self.work + suffix):
                os.remove(self.work + suffix)
        return wal_out


def wal_stats(path, page_size):
    """Frames of the WAL's current generation (salts of its header): committed, uncommitted after the last
    commit, and stale frames left from before a restart."""
    stats = {'walFrames': 0, 'committedFrames': 0, 'uncommittedFrames': 0, 'staleFrames': 0}
    if not path or os.path.getsize(path) < 32:
        return stats
    with open(path, 'rb') as f:
        data = f.read()
    salts = data[16:24]
    size = struct.unpack('>I', data[8:12])[0] or page_size
    at, pending, current = 32, 0, True
    while at + 24 + size <= len(data):
        stats['walFrames'] += 1
        if data[at + 8: at + 16] != salts:
            current = False
        if not current:
            stats['staleFrames'] += 1
        else:
            pending += 1
            if struct.unpack('>I', data[at + 4: at + 8])[0] > 0:
                stats['committedFrames'] += pending
                pending = 0
        at += 24 + size
    stats['uncommittedFrames'] = pending
    return stats


def tag(v):
    """A value for JSON: integers and reals as exact strings, blobs as hex, long text and blobs as their
    SHA-256 (keeps the files small; they are compared by hash)."""
    if v is None:
        return v
    if isinstance(v, str):
        b = v.encode('utf-8', 'surrogatepass')
        return v if len(b) <= 256 else {'ht': hashlib.sha256(b).hexdigest(), 'n': len(b)}
    if isinstance(v, int):
        return {'i': str(v)}
    if isinstance(v, float):
        return {'r': repr(v)}
    b = bytes(v)
    return {'b': b.hex()} if len(b) <= 256 else {'hb': hashlib.sha256(b).hexdigest(), 'n': len(b)}


def read_back(db_path, wal_path, ref, tolerant=False):
    """What SQLite reads from the files: a copy is opened, so recovery never touches the case's own files.
    Tolerant (for corrupted files): a table SQLite cannot read, or a schema it cannot, is reported as
    {"error": message} instead of raising."""
    shutil.copyfile(db_path, ref)
    if wal_path:
        shutil.copyfile(wal_path, ref + '-wal')
    c = sqlite3.connect(ref, isolation_level=None)
    if tolerant:
        # Damaged text may not be UTF-8: decoded as Node decodes it (U+FFFD for each bad sequence).
        c.text_factory = lambda b: b.decode('utf-8', 'replace')
        # A CREATE statement the damage made unparseable fails only its own table, not every table.
        c.execute('PRAGMA writable_schema=ON')
    try:
        return read_tables(c, tolerant)
    except Exception as e:  # sqlite3.Error, MemoryError, UnicodeDecodeError (a damaged name in a message)
        if not tolerant:
            raise
        return {'error': f'{type(e).__name__}: {e}'}
    finally:
        c.close()
        for suffix in ('', '-wal', '-shm'):
            if os.path.exists(ref + suffix):
                os.remove(ref + suffix)


def read_tables(c, tolerant):
    integrity = None if tolerant else c.execute('PRAGMA integrity_check').fetchone()[0]
    tables = []
    for name, sql in c.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall():
        without_rowid = bool(re.search(r'WITHOUT\s+ROWID\s*$', sql or '', re.I))
        try:
            cur = c.execute(f'SELECT * FROM {sql_q(name)}' + ('' if without_rowid else ' ORDER BY rowid'))
            rows = [[tag(v) for v in r] for r in cur.fetchall()]
            tables.append({'name': name, 'columns': [d[0] for d in cur.description], 'rows': rows, 'withoutRowid': without_rowid})
        except Exception as e:  # sqlite3.Error, MemoryError, UnicodeDecodeError (a damaged name in a message)
            if not tolerant:
                raise
            tables.append({'name': name, 'error': f'{type(e).__name__}: {e}', 'withoutRowid': without_rowid})
    out = {'integrity': integrity, 'tables': tables}
    if not tolerant:
        # Every b-tree and overflow page with its table or index (from SQLite's dbstat), for the corruptions.
        out['pages'] = c.execute('SELECT pageno, pagetype, name FROM dbstat ORDER BY pageno').fetchall()
        out['facts'] = {
            'pageCount': c.execute('PRAGMA page_count').fetchone()[0],
            'freelistPages': c.execute('PRAGMA freelist_count').fetchone()[0],
            'overflowPages': sum(1 for p in out['pages'] if p[1] == 'overflow'),
            'maxDepth': c.execute("SELECT coalesce(max(length(path) - length(replace(path, '/', ''))), 0) FROM dbstat").fetchone()[0],
        }
    return out


def generate(spec):
    out = spec['dir']
    work = os.path.join(out, f'work-{os.getpid()}')
    os.makedirs(work, exist_ok=True)
    for i in range(spec['from'], spec['from'] + spec['count']):
        rng = random.Random(spec['seed'] * 1_000_003 + i)
        case = Case(rng, os.path.join(work, 'w.db'))
        case.create()
        case.fill()
        db_out = os.path.join(out, f'{i}.db')
        wal_out = case.snapshot(db_out)
        read = read_back(db_out, wal_out, os.path.join(work, 'ref.db'))
        facts = read.pop('facts')
        with open(os.path.join(out, f'{i}.json'), 'w') as f:
            json.dump(read, f)
        info = {'i': i, 'db': db_out, 'wal': wal_out, 'expected': os.path.join(out, f'{i}.json'), 'pageSize': case.page_size,
                'reserve': case.reserve, 'autoVacuum': case.auto_vacuum, 'journal': 'wal' if case.wal else 'rollback',
                'notes': sorted(set(case.notes)), 'rows': sum(len(t['rows']) for t in read['tables']), 'integrity': read['integrity'],
                **facts, **wal_stats(wal_out, case.page_size)}
        print(json.dumps(info), flush=True)
    shutil.rmtree(work, ignore_errors=True)


def read_files(spec):
    """SQLite's reading of each [db, wal or null, out json] (corrupted files: errors are results)."""
    work = os.path.join(spec['dir'], f'read-{os.getpid()}')
    os.makedirs(work, exist_ok=True)
    for db, wal, out in spec['files']:
        with open(out, 'w') as f:
            json.dump(read_back(db, wal, os.path.join(work, 'ref.db'), tolerant=True), f)
    shutil.rmtree(work, ignore_errors=True)


def main():
    spec = json.load(sys.stdin)
    if spec.get('mode') == 'read':
        read_files(spec)
    else:
        generate(spec)


main()
