type Params = Record<string, string | number>;
type Text = (p: Params) => string;

/**
 * The messages of Bappeda's account administration, added to the catalogue (shared/i18n.ts)
 * when the account rules load: only the `accounts` function carries them. No message holds an
 * e-mail address or a name.
 */
export const accountMessages = {
  'account.username': [
    'Nama pengguna 3 sampai 64 karakter: huruf kecil a–z, angka, titik (.), garis bawah (_) atau tanda hubung (-), diawali huruf atau angka.',
    'A username has 3 to 64 characters: lower-case a–z, digits, dots (.), underscores (_) or hyphens (-), starting with a letter or digit.',
  ],
  'account.usernameTaken': [
    'Nama pengguna ini sudah dipakai akun lain. Pilih nama lain.',
    'This username is already taken. Choose another.',
  ],
  'account.email': [
    'Alamat e-mail tidak sah; tulis seperti nama@brebeskab.go.id (paling panjang 254 karakter).',
    'Invalid e-mail address; write it like name@brebeskab.go.id (at most 254 characters).',
  ],
  'account.emailTaken': [
    'Alamat e-mail ini sudah dipakai akun lain.',
    'This e-mail address is already used by another account.',
  ],
  'account.name': [
    "Nama 1 sampai 100 huruf: huruf, spasi, titik (.), petik (') dan tanda hubung (-).",
    "A name has 1 to 100 characters: letters, spaces, full stops (.), apostrophes (') and hyphens (-).",
  ],
  'account.villageRequired': [
    'Operator desa wajib punya kode desa, misalnya 33.29.01.2001.',
    'A village official needs a village code, e.g. 33.29.01.2001.',
  ],
  'account.districtRequired': [
    'Relawan FMPP wajib punya kode kecamatan, misalnya 33.29.01.',
    'An FMPP volunteer needs a kecamatan code, e.g. 33.29.01.',
  ],
  'account.villageNotForRole': [
    (p: Params) => `Kode desa hanya untuk operator desa, bukan ${p.role}.`,
    (p: Params) => `A village code is only for a village official, not ${p.role}.`,
  ],
  'account.districtNotForRole': [
    (p: Params) => `Kode kecamatan hanya untuk relawan FMPP, bukan ${p.role}.`,
    (p: Params) => `A kecamatan code is only for an FMPP volunteer, not ${p.role}.`,
  ],
  'account.lastBappeda': [
    'Ini akun Bappeda terakhir yang aktif: aktifkan atau buat akun Bappeda lain dulu, agar masih ada yang bisa mengelola akun.',
    'This is the last enabled Bappeda account: enable or create another Bappeda account first, so that someone can still manage accounts.',
  ],
  'account.nothingChanged': [
    'Tidak ada yang diubah: kirim peran, kode desa atau kecamatan, atau enabled.',
    'Nothing to change: send a role, a village or kecamatan code, or enabled.',
  ],
  'account.role': [
    'Peran harus OPERATOR_DESA, RELAWAN_FMPP atau BAPPEDA (atau village_official, fmpp_volunteer, bappeda_staff).',
    'The role must be OPERATOR_DESA, RELAWAN_FMPP or BAPPEDA (or village_official, fmpp_volunteer, bappeda_staff).',
  ],
  'account.duplicateInFile': [
    (p: Params) => `Nama pengguna ini sudah ada di baris ${p.line} berkas ini.`,
    (p: Params) => `This username already appears on row ${p.line} of this file.`,
  ],
  'account.exists': [
    'Akun dengan nama pengguna ini sudah ada; baris ini tidak dibuat.',
    'An account with this username already exists; this row is not created.',
  ],
  'account.tooManyRows': [
    (p: Params) => `Berkas akun paling banyak ${p.max} baris data. Bagi menjadi beberapa berkas.`,
    (p: Params) => `An accounts file has at most ${p.max} data rows. Split it into several files.`,
  ],
  'account.notCreated': [
    'Belum dibuat: waktu permintaan habis. Unggah berkas yang sama lagi; akun yang sudah dibuat dilewati.',
    'Not created yet: the request ran out of time. Upload the same file again; accounts already created are skipped.',
  ],
} satisfies Record<`account.${string}`, readonly [string | Text, string | Text]>;
