import type { Strings } from "./en";

export const tr: Strings = {
  "help.title": "Webex Scheduler",
  "help.tagline": "Teams'ten ayrılmadan Webex toplantıları planlayın. Toplantı Outlook takviminize eklenir ve davetleri Outlook gönderir.",
  "help.examplesHeading": "Bunlardan birini deneyin",
  "help.example1": "yarın saat 15:00'te 45 dakika Aiko ve Lars ile Tasarım incelemesi planla",
  "help.example2": "her pazartesi 09:00'da 30 dakika kanal ile Haftalık toplantı planla",
  "help.example3": "upcoming",
  "help.commandsHeading": "Komutlar",
  "help.cmd.schedule": "Tek cümleyle bir Webex toplantısı planlayın: başlık, zaman, süre ve davetliler.",
  "help.cmd.upcoming": "Önümüzdeki 7 gündeki Webex toplantılarınız ve katılma bağlantıları.",
  "help.cmd.cancel": "Bir Webex toplantısını ve takvim etkinliğini iptal edin.",
  "help.cmd.connect": "Microsoft 365 ve Webex hesaplarınızı bağlayın.",
  "help.cmd.disconnect": "Bağlantınızı ve sizin için saklanan her şeyi kaldırın.",
  "help.cmd.whoami": "Hangi Microsoft ve Webex hesaplarıyla bağlı olduğunuzu gösterir.",
  "help.cmd.help": "Bu kart.",
  "help.connectHint": "İlk kez mi buradasınız? Önce Webex hesabınızı bağlayın.",
  "help.connectButton": "Bağlan",
  "unknown.text": "Bunu anlayamadım. Neler yapabildiğimi görmek için **help** yazın ya da planlamak istediğiniz şeyi **schedule** ile başlayarak yazın.",
  "notYet.text": "**{command}** yolda ama henüz kullanılamıyor. Bugün neyin çalıştığını görmek için **help** yazın.",
  "error.generic": "Üzgünüm, bende bir sorun oluştu. Lütfen birazdan tekrar deneyin.",
  "welcome.text": "Merhaba {name}! Webex toplantılarını doğrudan Outlook takviminize planlarım.",
};
