// The head's order on a transfer (items 9, 13.2): the same form as an order sending
// employees to training, with its own title, a basis naming item 13.2 and the
// employee's valid reason, and a first point that says from which cohort (sent by
// which order) the employee moves to the cohort described below it.
import type { Language, TransferReason } from "../../db/types.js";
import { formatDate } from "../rules/index.js";
import type { HeadOrderContent, OrderLayout, TransferOrderPart } from "./head-order-content.js";

const REASONS: Record<Language, Record<TransferReason, string>> = {
  kk: { illness: "ауру", emergency: "төтенше жағдайлар", natural_disaster: "дүлей зілзала" },
  ru: {
    illness: "болезнь",
    emergency: "чрезвычайные ситуации",
    natural_disaster: "стихийное бедствие",
  },
};

const RULES_KK =
  "Қазақстан Республикасы Оқу-ағарту министрінің 2026 жылғы 29 сәуірдегі № 114-НҚ " +
  "бұйрығымен бекітілген Балалардың құқықтарын қорғау жөніндегі өңірлік уәкілетті " +
  "орган қызметкерлерінің біліктілігін арттыру қағидалары мен мерзімдерінің " +
  "(бұдан әрі – Қағидалар)";
const RULES_RU =
  "Правил и сроков повышения квалификации работников регионального уполномоченного " +
  "органа по защите прав детей, утверждённых приказом Министра просвещения Республики " +
  "Казахстан от 29 апреля 2026 года № 114-НҚ (далее – Правила)";

/** The words of an order on a transfer that differ from an order sending to training. */
function transferWords(
  transfer: TransferOrderPart,
  lang: Language,
): Pick<OrderLayout, "title" | "basis"> & { sendPointText: string } {
  const reason = REASONS[lang][transfer.reason];
  const from = transfer.from;
  const fromDates = `${formatDate(from.startsOn)} – ${formatDate(from.endsOn)}`;
  if (lang === "kk")
    return {
      title: "Бір оқу легінен екіншісіне ауыстыру туралы",
      basis:
        `${RULES_KK} 9-тармағына және 13-тармағының 2) тармақшасына, сондай-ақ ` +
        `қызметкердің дәлелді себеппен (${reason}) бір оқу легінен екіншісіне ауысу ` +
        "туралы өтінішіне сәйкес",
      sendPointText:
        `1. ${formatDate(transfer.fromOrder.date)} № ${transfer.fromOrder.number} бұйрықпен ` +
        `«${from.program.kk}» оқу легіне (${from.provider.kk}, ${fromDates}) жіберілген, ` +
        "төмендегі тізімде көрсетілген қызметкер мынадай оқу легіне ауыстырылсын:",
    };
  return {
    title: "О переводе из одного потока обучения в другой",
    basis:
      `В соответствии с пунктом 9 и подпунктом 2) пункта 13 ${RULES_RU}, и заявлением ` +
      `работника о переводе из одного потока в другой по уважительной причине (${reason})`,
    sendPointText:
      "1. Перевести работника, указанного в списке ниже, направленного приказом " +
      `№ ${transfer.fromOrder.number} от ${formatDate(transfer.fromOrder.date)} в поток ` +
      `обучения «${from.program.ru}» (${from.provider.ru}, с ${formatDate(from.startsOn)} ` +
      `по ${formatDate(from.endsOn)}), в следующий поток обучения:`,
  };
}

/** An order's layout; for a transfer, with the transfer's title, basis and first point. */
export function withTransfer(
  layout: OrderLayout,
  content: HeadOrderContent,
  lang: Language,
): OrderLayout {
  if (!content.transfer) return layout;
  const words = transferWords(content.transfer, lang);
  return {
    ...layout,
    title: words.title,
    basis: words.basis,
    sendPoint: { ...layout.sendPoint, text: words.sendPointText },
  };
}
