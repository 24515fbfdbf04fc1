import type { Strings } from "./en";

export const ja: Strings = {
  "help.title": "Webex Scheduler",
  "help.tagline": "Teams から離れずに Webex 会議を予約できます。会議は Outlook の予定表に登録され、招待は Outlook から送信されます。",
  "help.examplesHeading": "例えばこう入力してください",
  "help.example1": "明日15時から45分、Aiko と Lars とデザインレビューを予約して",
  "help.example2": "毎週月曜 9:00 から30分、チャネルのメンバーと定例会議を予約して",
  "help.example3": "upcoming",
  "help.commandsHeading": "コマンド",
  "help.cmd.schedule": "一文で Webex 会議を計画します（件名、日時、長さ、招待者）。",
  "help.cmd.upcoming": "今後 7 日間の Webex 会議と参加リンクを表示します。",
  "help.cmd.cancel": "Webex 会議とその予定表のイベントをキャンセルします。",
  "help.cmd.connect": "Microsoft 365 と Webex のアカウントを接続します。",
  "help.cmd.disconnect": "接続と、あなたについて保存されたすべてのデータを削除します。",
  "help.cmd.whoami": "接続中の Microsoft と Webex のアカウントを表示します。",
  "help.cmd.help": "このカードを表示します。",
  "help.connectHint": "初めてですか？まず Webex アカウントを接続してください。",
  "help.connectButton": "接続",
  "unknown.text": "よく分かりませんでした。**help** と入力するとできることを表示します。予約するには **schedule** に続けて内容を入力してください。",
  "notYet.text": "**{command}** は準備中で、まだ使えません。今使える機能は **help** で確認できます。",
  "error.generic": "申し訳ありません。こちらで問題が発生しました。しばらくしてからもう一度お試しください。",
  "welcome.text": "{name} さん、こんにちは！Webex 会議を Outlook の予定表に直接予約します。",
};
