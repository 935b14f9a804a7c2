type Text = (p: Record<string, string | number>) => string;

/**
 * The messages of reading an uploaded list (shared/imports/read-file.ts): a file that is not
 * CSV or XLSX, too large, damaged, past a budget, or without the columns asked for. Apart from
 * the survey rows' messages (messages.ts, which includes these), so that a function reading
 * another kind of list (Bappeda's accounts sheet) carries only these.
 */
export const importFileMessages = {
  'import.empty': [
    'Berkas kosong. Pilih berkas CSV atau Excel (.xlsx) berisi daftar calon.',
    'The file is empty. Choose a CSV or Excel (.xlsx) file with the list.',
  ],
  'import.type': [
    'Berkas harus CSV (UTF-8, pemisah koma atau titik koma) atau Excel .xlsx. Di Excel: Simpan Sebagai, lalu pilih "CSV UTF-8" atau "Buku Kerja Excel".',
    'The file must be CSV (UTF-8, comma or semicolon separated) or Excel .xlsx. In Excel: Save As, then "CSV UTF-8" or "Excel Workbook".',
  ],
  'import.tooLarge': [
    (p) => `Berkas terlalu besar (paling besar ${p.max} MB). Bagi daftar menjadi beberapa berkas.`,
    (p) => `The file is too large (at most ${p.max} MB). Split the list into several files.`,
  ],
  'import.noHeader': [
    (p) =>
      `Baris pertama harus berisi judul kolom (${p.columns ?? 'NIK, No KK, Nama Lengkap'}, …). Unduh templatnya untuk contoh.`,
    (p) =>
      `The first row must hold the column headers (${p.columns ?? 'NIK, No KK, Nama Lengkap'}, …). Download the template for an example.`,
  ],
  'import.missingColumns': [
    (p) => `Kolom wajib tidak ada: ${p.columns}. Tambahkan kolom itu (lihat templat).`,
    (p) => `Required columns are missing: ${p.columns}. Add them (see the template).`,
  ],
  'import.tooManyRows': [
    (p) =>
      `Berkas berisi lebih dari ${Number(p.max).toLocaleString('id')} baris data. Bagi daftar menjadi beberapa berkas.`,
    (p) =>
      `The file has more than ${Number(p.max).toLocaleString('en')} data rows. Split the list into several files.`,
  ],
  'import.damaged': [
    'Berkas Excel ini rusak. Buka di Excel, simpan lagi, lalu unggah lagi.',
    'This Excel file is damaged. Open it in Excel, save it again, then upload it again.',
  ],
  'import.unpackedTooLarge': [
    (p) =>
      `Berkas Excel ini terlalu besar setelah dibuka (lebih dari ${p.max} MB). Simpan daftarnya saja sebagai "CSV UTF-8", lalu unggah lagi.`,
    (p) =>
      `This Excel file is too large once unpacked (more than ${p.max} MB). Save just the list as "CSV UTF-8", then upload it again.`,
  ],
  'import.tooManyStrings': [
    (p) =>
      `Berkas Excel ini berisi lebih dari ${Number(p.max).toLocaleString('id')} teks berbeda. Simpan daftarnya saja sebagai "CSV UTF-8", lalu unggah lagi.`,
    (p) =>
      `This Excel file holds more than ${Number(p.max).toLocaleString('en')} different texts. Save just the list as "CSV UTF-8", then upload it again.`,
  ],
  'import.columnTooFar': [
    (p) =>
      `Sel ${p.cell} berada terlalu jauh di kanan: daftar hanya memakai kolom A sampai ${p.last}. Hapus isi kolom di luar daftar lalu unggah lagi.`,
    (p) =>
      `Cell ${p.cell} is too far right: the list uses columns A to ${p.last} only. Clear the columns outside the list, then upload it again.`,
  ],
  'import.cellTooLong': [
    (p) =>
      `Sel di baris ${p.line}, kolom ${p.column} terlalu panjang (paling banyak ${Number(p.max).toLocaleString('id')} karakter). Perpendek isinya.`,
    (p) =>
      `The cell on line ${p.line}, column ${p.column} is too long (at most ${Number(p.max).toLocaleString('en')} characters). Shorten it.`,
  ],
  'import.unclosedQuote': [
    (p) =>
      `Tanda petik (") dibuka di baris ${p.line} tetapi tidak pernah ditutup. Tutup atau hapus tanda petik itu.`,
    (p) => `A quote (") opens on line ${p.line} but is never closed. Close or remove it.`,
  ],
} satisfies Record<`import.${string}`, readonly [string | Text, string | Text]>;
