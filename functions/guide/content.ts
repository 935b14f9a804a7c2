import type { GuideSlug, HelpTopic } from '../../shared/guide-topics.js';
import type { Role } from '../../shared/principal.js';

/**
 * The three guides (Panduan), one per role, in the words a village operator uses. Each task
 * is a few numbered steps with a screenshot of its page at phone size
 * (`files/<guide>-<task>.png`, made by test/browser/guide.test.ts with `SCREENSHOTS=1`).
 *
 * In a step, «…» names something on the screen: a button, a link, a field's label, a heading
 * or a menu item. `at` is the page the step happens on (it carries over to the next steps);
 * the browser test opens that page as the guide's role and fails when a name is not on it.
 * In `at`, `{calon}` is a registered person of the operator's village, `{terverifikasi}` one
 * visited and ready for school, `{bersekolah}` one at school, `{menunggu}` one on the waitlist,
 * `{lama}` one of the year before
 * and `{akun}` an operator's account: the test seeds them.
 */
export interface Step {
  text: string;
  at?: string;
}

export interface Task {
  id: HelpTopic;
  title: string;
  /** Why and when, in a sentence. */
  intro: string;
  /** The page of the screenshot. */
  at: string;
  /** Where on that page the screenshot starts (a CSS selector scrolled to the top), when the task's part is lower down. */
  shot?: string;
  steps: Step[];
}

export interface Guide {
  slug: GuideSlug;
  role: Role;
  title: string;
  who: string;
  tasks: Task[];
}

/** How everyone signs in and out, at the top of each guide (`#masuk`). */
export const SIGN_IN_STEPS: string[] = [
  'Buka alamat GKB di peramban HP (Chrome). Simpan alamatnya di layar utama supaya mudah dibuka lagi.',
  'Masuk dengan nama pengguna dan kata sandi dari Bappeda. Akun baru mendapat kata sandi sementara lewat e-mail; saat pertama masuk, buat kata sandi sendiri.',
  'Selesai bekerja, tekan «Keluar» di bagian atas. Di HP yang dipakai bersama, jangan lupa keluar.',
  'Semua halaman bisa dibuka dalam bahasa Inggris dengan «English» di bagian atas. Tanda «?» di samping judul halaman membuka bagian panduan untuk halaman itu.',
];

const search = (first: Step): Task => ({
  id: 'cari',
  title: 'Mencari seseorang',
  intro: 'Untuk menemukan seseorang tanpa membuka halaman demi halaman, di semua tahun program.',
  at: '/calon?q=siti',
  steps: [
    first,
    {
      text: 'Di kotak «Cari orang», tulis awal nama (misalnya "siti am" untuk Siti Aminah), 4 angka terakhir NIK, atau NIK lengkap. Huruf besar-kecil tidak berpengaruh.',
      at: '/calon',
    },
    { text: 'Tekan «Cari». Tekan nama orangnya untuk membuka halamannya.' },
    {
      text: 'Hasilnya hanya orang di desa atau kecamatan Anda. Bila tidak ketemu, coba kata yang lebih pendek.',
    },
  ],
});

const operator: Guide = {
  slug: 'operator',
  role: 'village_official',
  title: 'Panduan operator desa',
  who: 'Untuk operator desa yang mendaftarkan warga desanya: anak 7–18 tahun (ATS) dan orang dewasa 12–55 tahun (DTS) yang tidak sekolah.',
  tasks: [
    {
      id: 'kuota',
      title: 'Membaca kuota desa',
      intro:
        'Setiap desa punya 10 tempat yang dibiayai APBDes (Rp 1,5 juta per orang). Halaman awal menunjukkan sisanya.',
      at: '/',
      steps: [
        {
          text: 'Setelah masuk, halaman awal menunjukkan berapa tempat desa sudah terisi dari kuotanya, dan berapa orang di daftar tunggu.',
          at: '/',
        },
        {
          text: 'Bila kuota penuh, orang yang didaftarkan tetap tersimpan dan masuk daftar tunggu. Ia mendapat tempat bila ada yang mundur, atau tempat APBD dari Bappeda.',
        },
        { text: 'Pilih tahun program di atas untuk melihat tahun lain.' },
      ],
    },
    {
      id: 'daftar',
      title: 'Mendaftarkan satu orang',
      intro: 'Untuk setiap warga yang tidak sekolah dan mau kembali belajar. Siapkan KTP atau KK-nya.',
      at: '/calon/baru',
      steps: [
        { text: 'Tekan «Daftarkan calon» di menu atas.', at: '/' },
        {
          text: 'Isi «NIK» (16 angka) dan «No KK». Di bawah NIK tertulis tanggal lahir dan jenis kelamin menurut NIK: periksa apakah cocok dengan orangnya.',
          at: '/calon/baru',
        },
        {
          text: 'Isi «Nama lengkap» seperti di KK, «Tanggal lahir», jenis kelamin, ATS atau DTS, dan alasan tidak sekolah. Aturan setiap kolom tertulis di bawah namanya.',
        },
        {
          text: 'Tanyakan persetujuan orang tua atau wali (atau orangnya sendiri bila dewasa), lalu tulis nama yang memberi persetujuan.',
        },
        {
          text: 'Tekan «Simpan». Bila ada yang salah, semua kesalahan tertulis di atas formulir dan di bawah kolomnya. Perbaiki, lalu tekan «Simpan» lagi: isian yang sudah benar tidak hilang.',
        },
        {
          text: 'Setelah tersimpan, halaman orang itu terbuka: tertulis apakah ia mendapat tempat desa atau masuk daftar tunggu.',
        },
        {
          text: 'Satu NIK hanya bisa didaftarkan sekali. Bila NIK itu sudah terdaftar, sistem menolak dan tidak ada yang tersimpan.',
        },
      ],
    },
    {
      id: 'calon',
      title: 'Halaman seseorang',
      intro: 'Semua tentang satu orang: data, status, tempat, kunjungan relawan dan riwayat perubahan.',
      at: '/calon/{calon}',
      steps: [
        { text: 'Buka «Daftar calon» di menu atas, lalu tekan nama orangnya.', at: '/' },
        {
          text: 'Di bawah nama tertulis statusnya dan tempatnya (tempat desa, APBD, atau daftar tunggu).',
          at: '/calon/{calon}',
        },
        {
          text: '«Langkah berikutnya» hanya menunjukkan langkah yang boleh sekarang. Langkah yang tidak bisa dibatalkan selalu bertanya dulu.',
        },
        { text: '«Riwayat» mencatat siapa mengubah apa dan kapan.' },
      ],
    },
    {
      id: 'ubah',
      title: 'Memperbaiki data yang salah',
      intro: 'Bila nama, tanggal lahir atau data lain salah ketik. NIK juga bisa diperbaiki.',
      at: '/calon/{calon}/ubah',
      steps: [
        { text: 'Buka halaman orangnya (lihat "Mencari seseorang").' },
        { text: 'Tekan «Koreksi data».', at: '/calon/{calon}' },
        {
          text: 'Perbaiki kolom yang salah. Aturan setiap kolom tertulis di bawah namanya.',
          at: '/calon/{calon}/ubah',
        },
        {
          text: 'Tekan «Simpan». Riwayat mencatat kolom mana yang diubah, oleh siapa, kapan (tanpa menyalin isinya).',
        },
        {
          text: 'Bila orang lain sudah mengubah data itu lebih dulu, halaman menunjukkan data terbaru: periksa, lalu simpan lagi.',
        },
      ],
    },
    {
      id: 'unggah',
      title: 'Mengunggah daftar hasil survei',
      intro: 'Untuk mendaftarkan banyak orang sekaligus dari daftar Excel hasil pendataan.',
      at: '/impor',
      steps: [
        { text: 'Tekan «Unggah daftar» di menu atas.', at: '/' },
        {
          text: 'Unduh templat «Excel» (atau CSV). Isi satu baris untuk satu orang, mulai baris kedua. Jangan ubah judul kolom.',
          at: '/impor',
        },
        { text: 'Pilih file yang sudah diisi, lalu tekan «Periksa». Belum ada yang disimpan.' },
        {
          text: 'Baca hasilnya: berapa baris siap, dan setiap baris yang salah dengan nama kolom dan cara memperbaikinya. Baris yang NIK-nya sudah terdaftar ditandai ganda.',
        },
        {
          text: 'Tekan tombol untuk mendaftarkan baris yang siap. Unduh baris yang salah, perbaiki di Excel, lalu unggah lagi hanya baris itu.',
        },
      ],
    },
    {
      id: 'bawa',
      title: 'Membawa seseorang ke tahun berikutnya',
      intro:
        'Orang yang tahun lalu belum masuk sekolah bisa dibawa ke tahun program berikutnya, dengan data yang sama.',
      at: '/calon/{lama}',
      shot: 'form[action$="/bawa"]',
      steps: [
        { text: 'Buka halaman orangnya di tahun lalu (pilih tahunnya di «Daftar calon»).', at: '/' },
        {
          text: 'Di bagian «Bawa ke tahun berikutnya», pilih tahunnya, lalu tekan «Bawa ke tahun ini».',
          at: '/calon/{lama}',
        },
        {
          text: 'Baca akibatnya (tempat desa atau daftar tunggu di tahun baru), lalu setujui. Catatan tahun lalu tetap ada dan saling bertaut.',
        },
      ],
    },
    search({ text: 'Buka «Daftar calon» di menu atas.', at: '/' }),
    {
      id: 'kertas',
      title: 'Formulir kertas untuk lapangan',
      intro: 'Di rumah warga tanpa sinyal, isi formulir kertas; ketik atau unggah nanti.',
      at: '/formulir',
      steps: [
        { text: 'Buka «Formulir pendaftaran» dan cetak di kertas A4.', at: '/formulir' },
        {
          text: 'Isi di rumah warga. Aturan setiap kolom tertulis di formulir, sama dengan di aplikasi.',
        },
        {
          text: 'Ketik di «Daftarkan calon», atau salin ke templat daftar: judul kolom formulir sama dengan judul kolom templat.',
        },
      ],
    },
  ],
};

const relawan: Guide = {
  slug: 'relawan',
  role: 'fmpp_volunteer',
  title: 'Panduan relawan FMPP',
  who: 'Untuk relawan FMPP yang mengunjungi warga di kecamatannya, dari kunjungan pertama sampai masuk sekolah dan sesudahnya.',
  tasks: [
    {
      id: 'kerja',
      title: 'Daftar kerja: siapa dikunjungi hari ini',
      intro: 'Halaman awal relawan: semua orang yang perlu dikunjungi, yang terlambat paling atas.',
      at: '/kerja',
      steps: [
        {
          text: 'Setelah masuk, «Daftar kerja» terbuka. Di atas tertulis berapa kunjungan terlambat dan berapa jatuh tempo dalam 7 hari.',
          at: '/kerja',
        },
        { text: 'Setiap baris menyebut desa, dusun/RT/RW, status, dan kapan kunjungan seharusnya.' },
        { text: 'Tekan «Catat kunjungan» di baris orangnya setelah berkunjung.' },
        { text: 'Untuk hari di lapangan, cetak daftar kerja (lihat "Formulir dan daftar kertas").' },
      ],
    },
    {
      id: 'kunjungan',
      title: 'Mencatat kunjungan',
      intro:
        'Setiap kunjungan ke rumah, sekolah atau lewat telepon dicatat supaya kunjungan berikutnya terjadwal.',
      at: '/calon/{calon}/kunjungan',
      steps: [
        { text: 'Di «Daftar kerja», tekan «Catat kunjungan» di baris orangnya.', at: '/kerja' },
        { text: 'Pilih jenis kunjungan dan hasilnya.', at: '/calon/{calon}/kunjungan' },
        { text: 'Tanggal boleh dikosongkan bila kunjungannya hari ini. Tulis catatan singkat bila perlu.' },
        {
          text: 'Tekan «Simpan kunjungan». Hasilnya menyebut kapan kunjungan berikutnya, dan memberi tahu bila peserta dua kali berturut-turut tidak hadir.',
        },
      ],
    },
    {
      id: 'calon',
      title: 'Dari kunjungan pertama sampai masuk sekolah',
      intro: 'Langkah seseorang tercatat di halamannya; hanya langkah yang boleh sekarang yang ditampilkan.',
      at: '/calon/{terverifikasi}',
      shot: '#next-step',
      steps: [
        {
          text: 'Setelah kunjungan pertama, bila orangnya mau kembali sekolah, tekan «Sudah dikunjungi: mau kembali sekolah».',
          at: '/calon/{calon}',
        },
        {
          text: 'Setelah diterima sekolah, PKBM atau kursus, isi «NPSN», nama sekolah dan jenjangnya, lalu tekan «Catat masuk sekolah».',
          at: '/calon/{terverifikasi}',
        },
        {
          text: 'Masuk sekolah hanya bisa bila orangnya punya tempat (desa atau APBD). Bila belum, halamannya menjelaskan sebabnya.',
        },
        {
          text: 'Bila orangnya tidak memenuhi syarat atau mundur, pilih langkah itu dan tulis alasannya. Sistem bertanya dulu sebelum menyimpan.',
        },
      ],
    },
    {
      id: 'pindah',
      title: 'Mencatat pindah sekolah',
      intro: 'Bila peserta pindah ke sekolah lain, tempat dan anggarannya ikut pindah.',
      at: '/calon/{bersekolah}',
      shot: 'details:has(form[action$="/sekolah"])',
      steps: [
        { text: 'Buka halaman peserta (lihat "Mencari seseorang").' },
        { text: 'Buka «Pindah sekolah».', at: '/calon/{bersekolah}' },
        { text: 'Isi NPSN, nama dan jenjang sekolah baru, lalu tekan «Simpan pindah sekolah».' },
        { text: 'Riwayat mencatat sekolah lama dan sekolah baru.' },
      ],
    },
    search({ text: 'Di «Daftar kerja», kotak pencarian ada di atas daftar.', at: '/kerja' }),
    {
      id: 'pendampingan',
      title: 'Laporan pendampingan',
      intro: 'Seberapa banyak peserta di kecamatan Anda sudah dikunjungi tepat waktu, per desa.',
      at: '/pendampingan',
      steps: [
        { text: 'Tekan «Pendampingan» di menu atas.', at: '/kerja' },
        {
          text: 'Setiap desa menunjukkan berapa peserta, berapa dikunjungi tepat waktu, dan berapa terlambat.',
          at: '/pendampingan',
        },
      ],
    },
    {
      id: 'kertas',
      title: 'Formulir dan daftar kertas',
      intro: 'Untuk hari di lapangan tanpa sinyal: daftar kunjungan dan formulir pendaftaran di kertas.',
      at: '/kerja/cetak',
      steps: [
        {
          text: 'Di «Daftar kerja», tekan «Cetak daftar kerja». Daftarnya urut desa, lalu tanggal kunjungan; ada kolom kosong untuk tanggal dan hasil kunjungan.',
          at: '/kerja',
        },
        {
          text: 'Cetak di kertas A4 (menu peramban, Cetak). Setelah kembali, catat setiap kunjungan di aplikasi.',
        },
        {
          text: 'Untuk warga yang belum terdaftar, cetak beberapa lembar «Formulir pendaftaran».',
          at: '/formulir',
        },
        {
          text: 'Isi di rumah warga yang belum terdaftar, lalu serahkan ke operator desa untuk diketik atau diunggah.',
        },
      ],
    },
  ],
};

const bappeda: Guide = {
  slug: 'bappeda',
  role: 'bappeda_staff',
  title: 'Panduan staf Bappeda',
  who: 'Untuk staf Bappeda yang menjalankan program di seluruh kabupaten: anggaran, laporan, pembayaran, akun dan pengaturan.',
  tasks: [
    {
      id: 'anggaran',
      title: 'Membaca laporan anggaran',
      intro:
        'Uang APBDes dan APBD per kecamatan: yang disisihkan, yang sudah dialokasikan untuk peserta, dan yang sudah dibayar.',
      at: '/anggaran',
      steps: [
        { text: 'Tekan «Anggaran» di menu atas.', at: '/anggaran' },
        {
          text: 'Di atas tertulis uang setiap sumber dalam kata-kata, lalu grafik tempat desa dan pembayaran, lalu tabel per kecamatan.',
        },
        { text: 'Unduh laporan sebagai Excel atau CSV, dan daftar penerima untuk SK Bupati atau bank.' },
      ],
    },
    {
      id: 'capaian',
      title: 'Membaca laporan capaian',
      intro: 'Apa yang dicapai setiap angkatan: terdaftar, pernah masuk sekolah, sedang belajar, lulus.',
      at: '/capaian',
      steps: [
        { text: 'Tekan «Capaian» di menu atas.', at: '/anggaran' },
        {
          text: 'Baca alurnya per angkatan, jalur belajar, alasan tidak sekolah, dan tabel per kecamatan.',
          at: '/capaian',
        },
        {
          text: 'Cetak halaman ini (A4) sebagai laporan ke Bupati, atau unduh Excel per kecamatan atau desa.',
        },
      ],
    },
    {
      id: 'calon',
      title: 'Tempat APBD dan pembayaran satu orang',
      intro:
        'Di halaman seseorang, Bappeda memberi tempat APBD, mencatat pembayaran dan membatalkan yang salah.',
      at: '/calon/{bersekolah}',
      shot: 'form[action$="/pembayaran"]',
      steps: [
        {
          text: 'Orang di daftar tunggu bisa diberi tempat APBD dengan «Beri tempat APBD…» (bertanya dulu).',
          at: '/calon/{menunggu}',
        },
        {
          text: 'Untuk peserta yang sudah sekolah, pilih «Sumber dana», isi jumlah, tanggal dan nomor referensi, lalu tekan «Catat pembayaran».',
          at: '/calon/{bersekolah}',
        },
        {
          text: 'Pembayaran yang salah tidak dihapus: batalkan dengan alasannya, lalu catat yang benar dengan referensi yang sama.',
        },
      ],
    },
    {
      id: 'pembayaran',
      title: 'Mengunggah lembar pembayaran',
      intro: 'Untuk mencatat banyak pembayaran sekaligus dari lembar Excel atau CSV.',
      at: '/anggaran/pembayaran',
      steps: [
        {
          text: 'Di «Anggaran», tekan «Catat banyak pembayaran dari lembar Excel atau CSV».',
          at: '/anggaran',
        },
        {
          text: 'Unduh templatnya, isi satu baris untuk satu pembayaran (ID calon atau NIK, sumber, jumlah, tanggal, referensi).',
          at: '/anggaran/pembayaran',
        },
        { text: 'Pilih file, lalu tekan «Periksa». Setiap baris diperiksa dengan aturan pembayaran biasa.' },
        {
          text: 'Baca hasilnya, lalu catat pembayaran yang siap. Baris yang sudah tercatat tidak dicatat dua kali.',
        },
      ],
    },
    {
      id: 'ganda',
      title: 'Memeriksa data ganda',
      intro: 'Dua catatan yang mirip (nama, tanggal lahir, KK) mungkin orang yang sama didaftarkan dua kali.',
      at: '/ganda',
      steps: [
        { text: 'Tekan «Data ganda» di menu atas.', at: '/ganda' },
        {
          text: 'Setiap pasangan ditampilkan berdampingan: NIK dan KK tersamar, nama, tanggal lahir, desa, status.',
        },
        { text: 'Bila orangnya berbeda, tekan «Orang berbeda». Pasangan itu tidak muncul lagi.' },
        {
          text: 'Bila orangnya sama, tekan «Orang yang sama…». Setelah Anda setujui, catatan yang kemudian dicabut dan tempatnya diberikan ke daftar tunggu.',
        },
      ],
    },
    {
      id: 'akun',
      title: 'Mengelola akun',
      intro: 'Akun operator desa, relawan kecamatan dan staf Bappeda.',
      at: '/akun',
      steps: [
        { text: 'Tekan «Akun» di menu atas.', at: '/akun' },
        {
          text: 'Tekan «Buat akun», pilih perannya dan desa atau kecamatannya. Orangnya mendapat e-mail undangan.',
          at: '/akun/baru',
        },
        {
          text: 'Untuk memindahkan atau menonaktifkan, tekan nama akunnya. «Nonaktifkan akun» bertanya dulu; sesinya langsung berakhir.',
          at: '/akun/{akun}',
        },
        { text: 'Untuk banyak akun sekaligus, unggah daftar akun: diperiksa dulu baris per baris.' },
      ],
    },
    search({
      text: 'Buka «Daftar tunggu» di menu atas: kotak pencarian ada di atas daftar.',
      at: '/anggaran',
    }),
    {
      id: 'program',
      title: 'Mengatur tahun program',
      intro: 'Kuota desa, anggaran dan jadwal setiap tahun program.',
      at: '/program',
      steps: [
        { text: 'Tekan «Pengaturan» di menu atas.', at: '/program' },
        {
          text: 'Ubah nilainya, lalu tekan «Simpan». Kuota yang dinaikkan langsung memberi tempat ke daftar tunggu.',
        },
        { text: 'Setiap perubahan tercatat di «Jejak perubahan» dengan nilai lama dan baru.' },
      ],
    },
    {
      id: 'angkatan',
      title: 'Membawa satu angkatan ke tahun berikutnya',
      intro: 'Semua yang belum masuk sekolah tahun lalu dibawa sekaligus, urut waktu pendaftaran.',
      at: '/program/bawa',
      steps: [
        { text: 'Buka «Pengaturan», lalu bagian membawa calon ke tahun berikutnya.', at: '/program' },
        {
          text: 'Tekan «Periksa dulu (belum disimpan)» untuk melihat hasilnya tanpa menyimpan.',
          at: '/program/bawa',
        },
        {
          text: 'Bila sudah benar, bawa semuanya. Bila waktunya habis, jalankan lagi: yang sudah dibawa dilewati.',
        },
      ],
    },
    {
      id: 'kuota',
      title: 'Desa di bawah kuota dan daftar tunggu',
      intro: 'Desa yang belum memakai semua tempatnya, dan orang yang menunggu tempat.',
      at: '/kuota',
      steps: [
        { text: 'Tekan «Desa di bawah kuota» di menu atas.', at: '/kuota' },
        { text: '«Daftar tunggu» menunjukkan orang yang belum mendapat tempat, urut waktu pendaftaran.' },
      ],
    },
    {
      id: 'pendampingan',
      title: 'Laporan pendampingan',
      intro: 'Seberapa banyak peserta dikunjungi tepat waktu, per kecamatan lalu per desa.',
      at: '/pendampingan',
      steps: [
        { text: 'Tekan «Pendampingan» di menu atas.', at: '/anggaran' },
        { text: 'Tekan nama kecamatan untuk melihat desanya.', at: '/pendampingan' },
      ],
    },
    {
      id: 'jejak',
      title: 'Jejak perubahan',
      intro: 'Siapa mengubah apa dan kapan: pengaturan, tempat APBD, pembayaran, data ganda, unggahan, akun.',
      at: '/jejak',
      steps: [
        { text: 'Tekan «Jejak perubahan» di menu atas.', at: '/jejak' },
        { text: 'Yang terbaru di atas. Jejak tidak memuat data pribadi, hanya nomor, kode dan jumlah.' },
      ],
    },
    {
      id: 'riwayat',
      title: 'Riwayat unggahan',
      intro: 'Setiap daftar yang diunggah desa: siapa, kapan, berapa baris.',
      at: '/impor/riwayat',
      steps: [{ text: 'Tekan «Riwayat unggahan» di menu atas.', at: '/impor/riwayat' }],
    },
  ],
};

export const GUIDES: readonly Guide[] = [operator, relawan, bappeda];

/** The screenshot of a task: `files/<guide>-<task>.png`. */
export const screenshotOf = (guide: GuideSlug, task: HelpTopic): string => `${guide}-${task}.png`;

/** The printable guide: `files/panduan-<guide>.pdf`. */
export const pdfOf = (guide: GuideSlug): string => `panduan-${guide}.pdf`;

/** The «…» names of a step, as the test checks them. */
export const namesIn = (text: string): string[] => [...text.matchAll(/«([^»]+)»/g)].map((m) => m[1] ?? '');
