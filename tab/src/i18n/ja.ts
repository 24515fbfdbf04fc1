import type { Strings } from "./en";

export const ja: Strings = {
  appName: "Webex Scheduler",
  skipToContent: "メイン コンテンツにスキップ",
  connecting: "Microsoft Teams に接続しています…",

  outsideTitle: "このタブは Microsoft Teams で開いてください",
  outsideBody:
    "これは Microsoft Teams 用の Webex Scheduler タブです。Teams で開くか、Teams テナントなしで試すにはサンドボックスのプレイグラウンドを使ってください。",
  outsideHint: "「npm start」を実行してから「npm run playground」を実行すると、ローカルでボットとチャットできます。",

  personalHeading: "あなたの Webex 会議",
  channelHeading: "{channel} の Webex 会議",
  channelHeadingUnnamed: "このチャネルの Webex 会議",
  chatHeading: "このチャットの Webex 会議",
  teamAndChannel: "{team} · {channel}",

  upcomingHeading: "今後の Webex 会議",
  upcomingEmptyTitle: "まだ表示する会議はありません",
  upcomingEmptyBody:
    "このタブの会議一覧は今後のバージョンで提供されます。それまでは、ボットとのチャットで「upcoming」と入力してください。",

  scheduleHeading: "予約",
  schedulePlaceholder:
    "タブからの予約はまだ利用できません。当面はチャットでボットに伝えてください。例:「明日15時から30分、定例会議を予約して」",

  configHeading: "Webex Scheduler をこのチャネルに追加",
  configHeadingChat: "Webex Scheduler をこのチャットに追加",
  configBody:
    "このタブには、ここで予約された Webex 会議が表示されます。今後のバージョンでは新しい会議を予約するフォームも追加されます。[保存] を選んで追加してください。",
  configSaveFailed: "タブの設定を保存できませんでした。もう一度お試しください。",
  tabDisplayName: "Webex 会議",

  footerVersion: "サービス バージョン {version}",
};
