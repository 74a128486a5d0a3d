// `npx tsx scripts/bench-documents.ts [count]`: renders certificates (alternating
// Kazakh and Russian, each with its QR code) and reports time per certificate and
// peak memory. Figures are in the README.
import { performance } from "node:perf_hooks";
import { renderCertificatePdf } from "../bot/documents/index.js";

const count = Number(process.argv[2] ?? 1000);
const durations: number[] = [];
let peakRss = 0;
let peakHeap = 0;
let totalBytes = 0;
const sample = () => {
  const { rss, heapUsed } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  peakHeap = Math.max(peakHeap, heapUsed);
};
const sampler = setInterval(sample, 20);

const started = performance.now();
for (let i = 0; i < count; i++) {
  const t0 = performance.now();
  const pdf = await renderCertificatePdf(
    {
      number: `ҰБО-2026-${String(i + 1).padStart(6, "0")}`,
      verificationCode: "K7QF-3MZX-P2AH",
      verifyUrl: `https://t.me/biliktilik_bot?start=v-K7QF3MZXP${String(i).padStart(3, "0")}`,
      holder: {
        lastName: "Әбілқайыр",
        firstName: "Нұрсұлтан",
        patronymic: i % 3 ? "Ғабитұлы" : null,
        sex: "male",
      },
      academicHours: 40 + (i % 50),
      issuedOn: "2026-04-29",
      provider: {
        nameKk: "«Балалардың құқықтарын қорғау ұлттық орталығы» КЕАҚ",
        nameRu: "НАО «Национальный центр защиты прав детей»",
        headName: "Мұқанова Г. С.",
        logo: null,
      },
      programTitle: { kk: "Балалардың құқықтарын қорғау", ru: "Защита прав детей" },
    },
    i % 2 ? "ru" : "kk",
  );
  totalBytes += pdf.length;
  durations.push(performance.now() - t0);
  sample();
}
clearInterval(sampler);
const total = performance.now() - started;
durations.sort((a, b) => a - b);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
console.log(`certificates: ${count}`);
console.log(
  `total: ${(total / 1000).toFixed(1)} s, mean ${(total / count).toFixed(1)} ms, p95 ${durations[Math.floor(count * 0.95)]?.toFixed(1)} ms per certificate`,
);
console.log(
  `average size: ${(totalBytes / count / 1024).toFixed(1)} KB; peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)}`,
);
