import { readFile } from 'node:fs/promises';
import { guideRoutes } from '../../shared/api/routes/guide.js';
import { DomainError } from '../../shared/errors.js';
import { GUIDE_SLUGS, type GuideSlug, HELP_TOPICS, type HelpTopic } from '../../shared/guide-topics.js';
import { createApp, type GkbContext } from '../http/app.js';
import { page, webOptions } from '../web/shell.js';
import { GUIDES, type Guide, pdfOf, SIGN_IN_STEPS, screenshotOf } from './content.js';
import { paperFormPage } from './paper-form.js';

/**
 * The guides (Panduan), one per role, for everyone and without signing in; the "?" beside a
 * page title opens its part in the viewer's own guide. Screenshots and printable guides are
 * files beside the code (functions/guide/files, copied into the Lambda's asset by CDK), served
 * with a day's cache.
 */
const FILES = new URL('./files/', import.meta.url);
const FILE_NAME = /^[a-z0-9-]{1,60}\.(png|pdf)$/;
const FILE_TYPES = { png: 'image/png', pdf: 'application/pdf' } as const;
/** The screenshots' size: a phone's screen (test/browser/guide.test.ts takes them so). */
export const SHOT = { width: 360, height: 640 } as const;

const guideOf = (slug: string): Guide | undefined => GUIDES.find((g) => g.slug === slug);

/** A step's words, with each «name» of something on the screen in bold. */
function StepText(props: { text: string }) {
  const parts = props.text.split(/«([^»]+)»/);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <strong>{part}</strong> : part))}</>;
}

function Steps(props: { steps: readonly string[] }) {
  return (
    <ol class="steps">
      {props.steps.map((text) => (
        <li>
          <StepText text={text} />
        </li>
      ))}
    </ol>
  );
}

function GuidePage(props: { guide: Guide; english: boolean }) {
  const { guide } = props;
  return (
    <>
      <h1>{guide.title}</h1>
      {props.english ? <p class="notice">The guides are written in Indonesian.</p> : null}
      <p>{guide.who}</p>
      <p class="actions">
        <a class="button secondary" href={`/panduan/berkas/${pdfOf(guide.slug)}`} download>
          Unduh panduan (PDF, untuk dicetak)
        </a>
        <a href="/panduan">Panduan lain</a>
      </p>
      <nav aria-labelledby="isi-panduan" class="card toc">
        <h2 id="isi-panduan">Isi panduan</h2>
        <ol>
          <li>
            <a href="#masuk">Masuk dan keluar</a>
          </li>
          {guide.tasks.map((task) => (
            <li>
              <a href={`#${task.id}`}>{task.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      <section id="masuk" class="task">
        <h2>Masuk dan keluar</h2>
        <Steps steps={SIGN_IN_STEPS} />
      </section>
      {guide.tasks.map((task) => (
        <section id={task.id} class="task">
          <h2>{task.title}</h2>
          <p>{task.intro}</p>
          <Steps steps={task.steps.map((s) => s.text)} />
          <figure class="shot">
            <img
              src={`/panduan/berkas/${screenshotOf(guide.slug, task.id)}`}
              width={SHOT.width}
              height={SHOT.height}
              loading="lazy"
              alt={`Layar HP: ${task.title}`}
            />
            <figcaption>Layar di HP: {task.title.toLowerCase()}</figcaption>
          </figure>
        </section>
      ))}
    </>
  );
}

function GuideIndex(props: { mine: GuideSlug | undefined; english: boolean }) {
  return (
    <>
      <h1>Panduan GKB</h1>
      {props.english ? <p class="notice">The guides are written in Indonesian.</p> : null}
      <p>
        Cara memakai GKB Tracker, langkah demi langkah dengan gambar layar HP. Pilih panduan untuk pekerjaan
        Anda; semuanya bisa dibaca tanpa masuk dan dicetak.
      </p>
      <ul class="plain">
        {GUIDES.map((g) => (
          <li class="card">
            <h2>
              <a href={`/panduan/${g.slug}`}>{g.title}</a>
              {props.mine === g.slug ? ' (panduan Anda)' : ''}
            </h2>
            <p>{g.who}</p>
            <a href={`/panduan/berkas/${pdfOf(g.slug)}`} download>
              Unduh PDF untuk dicetak
            </a>
          </li>
        ))}
      </ul>
      <h2>Kertas untuk lapangan</h2>
      <p>
        <a href="/formulir">Formulir pendaftaran</a>: satu lembar A4 untuk diisi dengan tangan di rumah warga,
        dengan judul kolom yang sama dengan templat daftar.
      </p>
    </>
  );
}

const slugOfRole = (c: GkbContext): GuideSlug | undefined => {
  const role = c.get('principal')?.role;
  return GUIDES.find((g) => g.role === role)?.slug;
};

/** The guide to open for a topic: the viewer's own when it has that part, else the first that does. */
export function guideForTopic(topic: HelpTopic, mine: GuideSlug | undefined): GuideSlug {
  const has = (g: Guide) => topic === 'masuk' || g.tasks.some((t) => t.id === topic);
  const own = GUIDES.find((g) => g.slug === mine && has(g));
  return (own ?? GUIDES.find(has) ?? GUIDES[0])?.slug ?? GUIDE_SLUGS[0];
}

export const app = createApp(
  guideRoutes,
  {
    guideIndex: (c) =>
      page(c, 'Panduan', <GuideIndex mine={slugOfRole(c)} english={c.get('lang') === 'en'} />),
    guidePage: (c) => {
      const guide = guideOf(c.req.param('guide') ?? '');
      if (!guide) throw new DomainError('NOT_FOUND');
      return page(c, guide.title, <GuidePage guide={guide} english={c.get('lang') === 'en'} />);
    },
    helpTopic: (c) => {
      const topic = HELP_TOPICS.find((t) => t === c.req.param('topic'));
      if (!topic) throw new DomainError('NOT_FOUND');
      return c.redirect(`/panduan/${guideForTopic(topic, slugOfRole(c))}#${topic}`, 302);
    },
    guideFile: async (c) => {
      const name = c.req.param('file') ?? '';
      if (!FILE_NAME.test(name)) throw new DomainError('NOT_FOUND');
      const bytes = await readFile(new URL(name, FILES)).catch((error: unknown) => {
        if ((error as { code?: string }).code === 'ENOENT') throw new DomainError('NOT_FOUND');
        throw error;
      });
      const type = FILE_TYPES[name.endsWith('.pdf') ? 'pdf' : 'png'];
      return c.body(new Uint8Array(bytes), 200, {
        'Content-Type': type,
        'Cache-Control': 'public, max-age=86400',
        'X-Content-Type-Options': 'nosniff',
      });
    },
    paperFormPage,
  },
  { pages: webOptions },
);
