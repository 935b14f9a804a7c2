import { createHash } from 'node:crypto';
import { districts } from '../../shared/domain/regions.js';

/**
 * The pages' one script, inline at the end of every page and allowed by its hash in the CSP.
 * Progressive enhancement only: every page works without it. It
 * - keeps what is typed in a `data-draft` form in localStorage (`gkb-draft:<action>`; hidden,
 *   file and password inputs never), restores it into the same form loaded empty (a form that
 *   came back with errors already holds it) and offers to discard it; a `data-saved="<action>"`
 *   element (the banner after a save) and signing out remove drafts, and a week-old one is dropped;
 * - marks the button of a posted form "Menyimpan…" and disables the form's buttons once the post
 *   has started (so a double tap sends once), enabled again when the page comes back from the
 *   back/forward cache;
 * - reads the NIK of the registration form (`#f-nik`): birth date (day + 40 for women), sex and
 *   kecamatan, with a button filling `#f-birthDate` and `#f-sex`, naming precisely a value that
 *   disagrees with the NIK.
 * Old browsers too: ES5, no arrow functions, NodeList walked by index. Both languages are in
 * the text (the page's `lang` picks), so that one hash serves every page.
 */

/** Brebes' kecamatan names by their last two digits: `["Salem", …]` is 33.29.01 Salem first. */
const BREBES: (string | null)[] = [];
for (const d of districts) if (d.code.startsWith('33.29.')) BREBES[Number(d.code.slice(6)) - 1] = d.name;

/** Helpers: `t('Indonesian', 'English')` by the page's `lang`, localStorage when the phone allows it. */
const COMMON = `var d=document,en=d.documentElement.lang=='en',S,P='gkb-draft:';
function t(id,e){return en?e:id}
function each(l,f){for(var i=0;i<l.length;i++)f(l[i])}
function at(e,n){return e.getAttribute(n)}
function el(tag,cls,text){var e=d.createElement(tag);e.className=cls;e.textContent=text;return e}
try{S=localStorage;S.getItem(P)}catch(x){S=0}
function forget(k){try{S.removeItem(k)}catch(x){}}
`;

/**
 * (a) Drafts. A `data-draft` form's named fields (not hidden, file or password inputs, CSRF,
 * version, idempotency key) are kept on every input and change under `gkb-draft:<action>`, with
 * the time; a form with nothing typed keeps none. A form loaded empty (a form sent back with
 * errors holds what was typed already) gets its draft back, a notice and "Buang isian ini".
 * A `data-saved="<action>"` element (the banner after a save) removes that draft, the sign-out
 * form removes all, and one older than a week is dropped unread.
 */
const DRAFTS = `function box(e){return /^(checkbox|radio)$/.test(e.type)}
function key(e){return box(e)?e.name+'='+e.value:e.name}
function fields(f){var r=[];each(f.elements,function(e){
if(e.name&&!/^(csrf|version|idempotencyKey)$/.test(e.name)&&!/^(hidden|file|password|submit|reset|button|image)$/.test(e.type))r.push(e)});return r}
function typed(f){var y=0;each(fields(f),function(e){if(box(e)?e.checked:!e.options&&e.value)y=1});return y}
function save(f){var k=P+at(f,'action'),o={};each(fields(f),function(e){o[key(e)]=box(e)?e.checked:e.value});
try{if(typed(f))S.setItem(k,JSON.stringify({t:+new Date,v:o}));else forget(k)}catch(x){}}
function drafted(f){return S&&at(f,'data-draft')!=null}
function edited(ev){var f=ev.target.form;if(f&&drafted(f))save(f)}
d.addEventListener('input',edited,true);d.addEventListener('change',edited,true);
each(d.querySelectorAll('[data-saved]'),function(e){forget(P+at(e,'data-saved'))});
each(d.querySelectorAll('form[data-draft]'),function(f){var k=P+at(f,'action'),o;
try{o=JSON.parse(S.getItem(k))}catch(x){}
if(!o||typed(f)||f.querySelector('.alert'))return;
if(o.t<new Date-6048e5)return forget(k);
each(fields(f),function(e){var v=o.v[key(e)];if(v!=null)box(e)?e.checked=v:e.value=v});
var n=el('div','notice',t('Isian yang belum tersimpan dipulihkan. ','Unsaved entries were restored. ')),
b=el('button','secondary',t('Buang isian ini','Discard these entries'));
n.setAttribute('role','status');b.type='button';n.appendChild(b);f.insertBefore(n,f.firstChild);
b.onclick=function(){forget(k);f.reset();f.removeChild(n);fields(f)[0].focus()}});
`;

/**
 * (b) "Menyimpan…": once a posted form's submission has started (a timeout later, so that the
 * button's own name and value still go with it), its buttons are disabled and the one pressed
 * says so; a second submit of the form is stopped, so a double tap sends once. A page shown
 * again from the back/forward cache gets its buttons back. Not on signing in or out.
 */
const SAVING = String.raw`d.addEventListener('submit',function(ev){var f=ev.target,a=at(f,'action'),b=ev.submitter||f.querySelector('button[type=submit]');
if(a=='/keluar'&&S)for(var i=S.length;i--;)if(!(S.key(i)||'').indexOf(P))forget(S.key(i));
if(drafted(f))save(f);
if(!/post/i.test(at(f,'method')))return;
if(f.sent)return ev.preventDefault();
f.sent=1;setTimeout(function(){each(f.querySelectorAll('button'),function(x){if(!x.disabled)x.disabled=x.off=1});
if(b&&!/^\/(masuk|keluar)/.test(a)){b.was=b.textContent;b.textContent=t('Menyimpan…','Saving…')}})});
addEventListener('pageshow',function(ev){if(ev.persisted)each(d.forms,function(f){f.sent=0;each(f.querySelectorAll('button'),function(x){
if(x.off)x.disabled=x.off=0;if(x.was){x.textContent=x.was;x.was=0}})})});
`;

/**
 * (c) What the NIK says, under `#f-nik` in a polite live region: birth date (day + 40 for
 * women; the century that is not in the future), sex and Brebes kecamatan; a button filling
 * `#f-birthDate` (DD-MM-YYYY, or YYYY-MM-DD in a date input) and `#f-sex`; a birth date (as the
 * server reads them: DD-MM-YYYY, D/M/YYYY, YYYY-MM-DD, "5 Juli 2010") or sex that disagrees is
 * named with both values, compared as the server compares (day, month, two-digit year).
 */
const NIK = String.raw`var nik=d.getElementById('f-nik'),bd=d.getElementById('f-birthDate'),sx=d.getElementById('f-sex'),K=${JSON.stringify(BREBES)};
if(!nik||!bd||!sx||!nik.form)return;
var NOT=t(' tidak sama dengan NIK (',' does not match the NIK ('),out=el('div','',''),shown;
function two(n){return n>9?n:'0'+n}
function dmy(a){return two(a[0])+'-'+two(a[1])+'-'+a[2]}
function when(s){var m=/^\s*(\d{4})-(\d\d?)-(\d\d?)\s*$/.exec(s);if(m)return [+m[3],+m[2],+m[1]];
m=/^\s*(\d\d?)[-\/.\s]+(\d\d?|[a-z]{3,})[-\/.\s]+(\d{4})\s*$/i.exec(s);if(!m)return;
var i='janfebmaraprmeijunjulagusepoktnovdesjanfebmaraprmayjunjulaugsepoctnovdec'.indexOf(m[2].slice(0,3).toLowerCase().replace(/ag[st]/,'agu'));
i=+m[2]||i>=0&&!(i%3)&&i/3%12+1;if(i)return [+m[1],i,+m[3]]}
function decode(v){var dd=+v.slice(6,8),m=+v.slice(8,10),y=2000+ +v.slice(10,12),f=dd>40;if(f)dd-=40;
if(new Date(y,m-1,dd)>new Date)y-=100;var x=new Date(y,m-1,dd);
return x.getMonth()==m-1&&x.getDate()==dd&&{d:[dd,m,y],f:f}}
function show(){var v=nik.value.replace(/[\s.-]/g,''),r=/^\d{16}$/.test(v)&&decode(v),lines=[],sex,code,b,same;
if(r){sex=r.f?t('perempuan','female'):t('laki-laki','male');code=v.slice(0,2)+'.'+v.slice(2,4)+'.'+v.slice(4,6);
lines.push(t('Dari NIK: lahir ','From the NIK: born ')+r.d[0]+' '+t('Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember',
'January February March April May June July August September October November December').split(' ')[r.d[1]-1]+' '+r.d[2]+', '+sex+', '+
(v.slice(0,4)=='3329'&&K[v.slice(4,6)-1]?'Kec. '+K[v.slice(4,6)-1]:
t('kode kecamatan '+code+' bukan di Kabupaten Brebes','kecamatan code '+code+', not in Kabupaten Brebes'))+'.');
b=when(bd.value);
if(b&&(b[0]!=r.d[0]||b[1]!=r.d[1]||b[2]%100!=r.d[2]%100))lines.push(t('Tanggal lahir ','Date of birth ')+dmy(b)+NOT+dmy(r.d)+').');
if(sx.value&&sx.value!=(r.f?'F':'M'))lines.push(t('Jenis kelamin ','Sex entered as ')+(r.f?t('Laki-laki','male'):t('Perempuan','female'))+NOT+sex+').');
same=b&&sx.value&&!lines[1]}
if(lines+same==shown)return;shown=lines+same;
out.innerHTML='';out.className=lines[1]?'warn':lines[0]?'notice':'';
each(lines,function(s){out.appendChild(el('p','',s))});
if(r&&!same){b=el('button','secondary',t('Isi tanggal lahir dan jenis kelamin','Fill in date of birth and sex'));b.type='button';out.appendChild(b);
b.onclick=function(){bd.value=bd.type=='date'?r.d[2]+'-'+two(r.d[1])+'-'+two(r.d[0]):dmy(r.d);sx.value=r.f?'F':'M';
if(drafted(nik.form))save(nik.form);show();sx.focus()}}}
out.setAttribute('aria-live','polite');nik.parentNode.insertBefore(out,nik.nextSibling);
each([nik,bd,sx],function(e){e.addEventListener('input',show);e.addEventListener('change',show)});
nik.form.addEventListener('reset',function(){setTimeout(show)});show()
`;

export const PAGE_SCRIPT = `(function(){
${COMMON}${DRAFTS}${SAVING}${NIK}})()`;

/** The CSP source allowing exactly this script: `'sha256-…'` of its text as the page holds it. */
export const PAGE_SCRIPT_HASH = `'sha256-${createHash('sha256').update(PAGE_SCRIPT).digest('base64')}'`;
