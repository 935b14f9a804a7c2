import type { Child } from 'hono/jsx';
import type { Lang } from '../../shared/i18n.js';
import type { Principal } from '../../shared/principal.js';
import { PAGE_SCRIPT } from './page-script.js';
import { roleLabel, translator } from './ui.js';

/** One small stylesheet, inline: no extra request on a weak connection. Contrast is AA. */
const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#f6f7f9}
a{color:#0b57a4}header{background:#0b3d6e;color:#fff;padding:.25rem 1rem;display:flex;flex-wrap:wrap;gap:0 1rem;align-items:center}
header a,header button{color:#fff}header .brand{font-weight:700;text-decoration:none}header .account{margin-left:auto}
nav{display:flex;flex-wrap:wrap;gap:0 1rem}main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.2rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #d5d9e0;border-radius:6px;padding:1rem;margin:0 0 1rem}
.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:.75rem}.pair dd{margin:0 0 .5rem}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}.hint{font-weight:400;color:#4a5261;font-size:.9rem}label .hint{display:block}
input,select,textarea{font:inherit;width:100%;max-width:28rem;min-height:44px;padding:.5rem;border:1px solid #6b7280;border-radius:4px;background:#fff}
input[type=checkbox],input[type=radio]{width:1.5rem;height:1.5rem;min-height:0;vertical-align:middle;margin:0 .5rem 0 0}
label:has(input[type=checkbox]),label:has(input[type=radio]){min-height:44px;display:flex;align-items:center}
button,.button{font:inherit;display:inline-block;min-height:44px;background:#0b57a4;color:#fff;border:0;border-radius:4px;padding:.6rem 1rem;margin:.5rem .5rem 0 0;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#4a5261}button.danger{background:#a4161a}button.link{background:none;padding:0 .25rem;margin:0;text-decoration:underline}
header a,nav a,td a,th a,li>a,.actions a:not(.button),summary{display:inline-block;min-height:44px;padding:10px 0}
.plain{list-style:none;padding:0}.late{color:#a4161a}.actions{display:flex;flex-wrap:wrap;align-items:center}.actions form{display:inline}.ending{border-top:1px solid #d5d9e0;margin-top:1rem}
:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.title{display:flex;align-items:flex-start;gap:.5rem}.title h1{flex:1}a.help{flex:none;display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;margin-top:.25rem;border:2px solid #0b57a4;border-radius:50%;font-weight:700;text-decoration:none}
nav.toc{display:block}.steps li{margin:0 0 .5rem}.shot img{display:block;max-width:100%;height:auto;border:1px solid #6b7280}figcaption{font-size:.9rem;color:#4a5261}
.error{color:#a4161a;font-weight:600}.field-error input,.field-error select,.field-error textarea{border:2px solid #a4161a}
.alert{border-left:4px solid #a4161a;background:#fdecea;padding:.75rem;margin:0 0 1rem}
.notice{border-left:4px solid #0b57a4;background:#e8f1fb;padding:.75rem;margin:0 0 1rem}
.done{border-left:4px solid #1a7f37;background:#e9f7ef;padding:.75rem;margin:0 0 1rem;font-weight:600}
.warn{border-left:4px solid #b45309;background:#fff4e5;padding:.75rem;margin:0 0 1rem}.badge{background:#8a4b00;color:#fff;padding:.1rem .4rem;border-radius:3px}
td.bad{background:#fdecea}td.bad mark{background:none;color:#a4161a;font-weight:700}
table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid #d5d9e0;padding:.4rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;white-space:nowrap}.scroll{overflow-x:auto}
meter{width:100%;height:1.5rem}.years{margin:0 0 1rem}.years>*{margin-right:.6rem}.big{font-size:2rem;font-weight:700}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}dd{margin:0}
fieldset{border:1px solid #d5d9e0;border-radius:4px;margin:1rem 0}legend{font-weight:600}
.empty{border-left:4px solid #6b7280;background:#fff;padding:.75rem;margin:0 0 1rem}legend .hint{display:block}
@media (max-width:40rem){main{padding:.5rem}th,td{padding:.3rem;font-size:.9rem}dl{grid-template-columns:1fr}dd{margin-bottom:.4rem}}
@media print{@page{size:A4;margin:15mm}header,form,.actions,.years,a.help{display:none}.toc li>a{min-height:0;padding:0}.shot img{max-width:6cm}section.task{break-inside:avoid-page}body{background:#fff}main{max-width:none;padding:0}figure,tr{break-inside:avoid}.scroll{overflow:visible}}
`;

export function Layout(props: {
  title: string;
  lang: Lang;
  principal?: Principal;
  csrf?: string;
  path: string;
  children: Child;
}) {
  const t = translator(props.lang);
  const other = props.lang === 'en' ? 'id' : 'en';
  const p = props.principal;
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · GKB Brebes`}</title>
        {/* Raw: escaped, a child combinator (li>a) would break the rule. */}
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <header>
          <a class="brand" href="/">
            GKB Brebes
          </a>
          <a
            href={`${props.path}${props.path.includes('?') ? '&' : '?'}lang=${other}`}
            lang={other}
            hreflang={other}
          >
            {other === 'en' ? 'English' : 'Bahasa Indonesia'}
          </a>
          <a href="/panduan">{t('Panduan', 'Guide')}</a>
          {p ? (
            <nav aria-label={t('Menu utama', 'Main menu')}>
              {p.role === 'fmpp_volunteer' ? <a href="/kerja">{t('Daftar kerja', 'Worklist')}</a> : null}
              {p.role !== 'bappeda_staff' ? <a href="/calon">{t('Daftar calon', 'Candidates')}</a> : null}
              {p.role !== 'village_official' ? (
                <a href="/pendampingan">{t('Pendampingan', 'Follow-up')}</a>
              ) : null}
              {p.role === 'village_official' ? (
                <>
                  <a href="/calon/baru">{t('Daftarkan calon', 'Register')}</a>
                  <a href="/impor">{t('Unggah daftar', 'Upload a list')}</a>
                </>
              ) : null}
              {p.role === 'bappeda_staff' ? (
                <>
                  <a href="/anggaran">{t('Anggaran', 'Budget')}</a>
                  <a href="/capaian">{t('Capaian', 'Outcomes')}</a>
                  <a href="/kuota">{t('Desa di bawah kuota', 'Below quota')}</a>
                  <a href="/calon?funding=WAITLISTED">{t('Daftar tunggu', 'Waitlist')}</a>
                  <a href="/jejak">{t('Jejak perubahan', 'Audit')}</a>
                  <a href="/ganda">{t('Data ganda', 'Duplicates')}</a>
                  <a href="/impor/riwayat">{t('Riwayat unggahan', 'Uploads')}</a>
                  <a href="/program">{t('Pengaturan', 'Settings')}</a>
                  <a href="/akun">{t('Akun', 'Accounts')}</a>
                </>
              ) : null}
            </nav>
          ) : null}
          {p ? (
            <form method="post" action="/keluar" class="account">
              <input type="hidden" name="csrf" value={props.csrf ?? ''} />
              <span>{roleLabel(t, p.role)} · </span>
              <button type="submit" class="link">
                {t('Keluar', 'Sign out')}
              </button>
            </form>
          ) : null}
        </header>
        <main id="isi">{props.children}</main>
        {/* The one script (page-script.ts), allowed by its hash in the CSP: the pages work without it. */}
        <script dangerouslySetInnerHTML={{ __html: PAGE_SCRIPT }} />
      </body>
    </html>
  );
}
